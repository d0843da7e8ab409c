import { isMapping, type Origin, setField } from "./provenance.js";

/**
 * kustomize's replacement field paths: dot-separated keys, `[name=web]` picks list items by a
 * field, a number or `[0]` an index, `*` every child, `[a.b/c]` or `a\\.b` a key containing dots.
 */
export function splitFieldPath(path: string): string[] {
  const segments: string[] = [];
  let current = "";
  let depth = 0;
  let escaped = false;
  for (const char of path) {
    if (escaped) {
      current += char;
      escaped = false;
      continue;
    }
    if (char === "\\") {
      escaped = true;
      continue;
    }
    if (char === "[") depth++;
    if (char === "]") depth--;
    if (char === "." && depth === 0) {
      segments.push(current);
      current = "";
    } else current += char;
  }
  segments.push(current);
  return segments.filter((s) => s !== "");
}

/** A reached field: its parent container and key, so that it can be read or set. */
export interface FieldSlot {
  readonly parent: Record<string, unknown> | unknown[];
  readonly key: string | number;
}

/** Every field `segments` reaches in `root`; with `create`, missing mappings are made (recorded at `origin`). */
export function findFields(
  root: unknown,
  segments: readonly string[],
  create: boolean,
  origin?: Origin,
): FieldSlot[] {
  const slots: FieldSlot[] = [];
  const visit = (node: unknown, index: number): void => {
    const segment = segments[index];
    if (segment === undefined) return;
    const last = index === segments.length - 1;
    const matcher = /^\[([^=\]]+)=([^\]]*)\]$/.exec(segment);
    if (Array.isArray(node)) {
      const children: number[] = [];
      if (matcher) {
        const [, key = "", value] = matcher;
        node.forEach((item, i) => {
          if (isMapping(item) && String(item[key]) === value) children.push(i);
        });
      } else if (segment === "*") children.push(...node.keys());
      else {
        const i = Number(segment.replace(/^\[(\d+)\]$/, "$1"));
        if (Number.isInteger(i) && i >= 0 && i < node.length) children.push(i);
      }
      for (const i of children) {
        if (last) slots.push({ parent: node, key: i });
        else visit(node[i], index + 1);
      }
      return;
    }
    if (!isMapping(node) || matcher) return;
    const keys = segment === "*" ? Object.keys(node) : [segment.replace(/^\[(.*)\]$/, "$1")];
    for (const key of keys) {
      if (last) {
        if (key in node || create) slots.push({ parent: node, key });
        continue;
      }
      let child = node[key];
      if ((child === undefined || child === null) && create) {
        child = {};
        setField(node, key, child, origin);
      }
      visit(child, index + 1);
    }
  };
  visit(root, 0);
  return slots;
}
