import { cloneTracked, isContainer, isMapping, type Origin, setField, track } from "./provenance.js";

/** One RFC 6902 operation, with where it was written. */
export interface JsonPatchOperation {
  readonly op: string;
  readonly path: string;
  readonly from?: string;
  readonly value?: unknown;
  readonly origin: Origin;
}

/**
 * Applies RFC 6902 operations to `document` (mutated only when every operation applies, as a
 * JSON patch is all or nothing). Returns the reason the first failing operation does not apply.
 */
export function applyJsonPatch(
  document: Record<string, unknown>,
  operations: readonly JsonPatchOperation[],
): { ok: true; value: Record<string, unknown> } | { ok: false; index: number; reason: string } {
  const working = cloneTracked(document);
  for (const [index, operation] of operations.entries()) {
    const reason = applyOne(working, operation);
    if (reason !== undefined) return { ok: false, index, reason };
  }
  return { ok: true, value: working };
}

function applyOne(document: Record<string, unknown>, operation: JsonPatchOperation): string | undefined {
  const { op, origin } = operation;
  const path = parsePointer(operation.path);
  if (path === undefined) return `path ${operation.path} is not a JSON pointer`;
  switch (op) {
    case "add":
    case "replace": {
      const value = cloneTracked(operation.value);
      if (isContainer(value)) track(value, { ...origin, path: [...origin.path, "value"] });
      return op === "add" ? add(document, path, value, origin) : replace(document, path, value, origin);
    }
    case "remove":
      return remove(document, path);
    case "move":
    case "copy": {
      const from = operation.from === undefined ? undefined : parsePointer(operation.from);
      if (from === undefined) return `${op} needs a from JSON pointer`;
      const found = get(document, from);
      if (!found.ok) return `${op} from ${operation.from}: no such field`;
      if (op === "move") {
        const removed = remove(document, from);
        if (removed) return removed;
      }
      return add(document, path, cloneTracked(found.value), origin);
    }
    case "test": {
      const found = get(document, path);
      return found.ok && JSON.stringify(found.value) === JSON.stringify(operation.value)
        ? undefined
        : `test ${operation.path} failed`;
    }
    default:
      return `unknown operation ${op}`;
  }
}

function parsePointer(pointer: string): string[] | undefined {
  if (pointer === "") return [];
  if (!pointer.startsWith("/")) return undefined;
  return pointer
    .slice(1)
    .split("/")
    .map((segment) => segment.replaceAll("~1", "/").replaceAll("~0", "~"));
}

function get(document: unknown, path: readonly string[]): { ok: true; value: unknown } | { ok: false } {
  let node: unknown = document;
  for (const segment of path) {
    if (Array.isArray(node)) {
      const index = arrayIndex(segment, node.length - 1);
      if (index === undefined) return { ok: false };
      node = node[index];
    } else if (isMapping(node) && Object.hasOwn(node, segment)) node = node[segment];
    else return { ok: false };
  }
  return { ok: true, value: node };
}

function parentOf(document: unknown, path: readonly string[]): unknown {
  const found = get(document, path.slice(0, -1));
  return found.ok ? found.value : undefined;
}

function add(document: unknown, path: readonly string[], value: unknown, origin: Origin): string | undefined {
  const key = path[path.length - 1];
  if (key === undefined) return "add at the document root is not supported";
  const parent = parentOf(document, path);
  if (Array.isArray(parent)) {
    const index = key === "-" ? parent.length : arrayIndex(key, parent.length);
    if (index === undefined) return `add: index ${key} is out of range`;
    parent.splice(index, 0, value);
    return undefined;
  }
  if (!isMapping(parent)) return `add: the parent of ${path.join("/")} does not exist`;
  setField(parent, key, value, { ...origin, path: [...origin.path, "value"] });
  return undefined;
}

function replace(
  document: unknown,
  path: readonly string[],
  value: unknown,
  origin: Origin,
): string | undefined {
  const key = path[path.length - 1];
  if (key === undefined) return "replace of the whole document is not supported";
  const parent = parentOf(document, path);
  if (Array.isArray(parent)) {
    const index = arrayIndex(key, parent.length - 1);
    if (index === undefined) return `replace: index ${key} is out of range`;
    parent[index] = value;
    return undefined;
  }
  if (!isMapping(parent) || !Object.hasOwn(parent, key)) return `replace: ${path.join("/")} does not exist`;
  setField(parent, key, value, { ...origin, path: [...origin.path, "value"] });
  return undefined;
}

function remove(document: unknown, path: readonly string[]): string | undefined {
  const key = path[path.length - 1];
  if (key === undefined) return "remove of the whole document is not supported";
  const parent = parentOf(document, path);
  if (Array.isArray(parent)) {
    const index = arrayIndex(key, parent.length - 1);
    if (index === undefined) return `remove: index ${key} is out of range`;
    parent.splice(index, 1);
    return undefined;
  }
  if (!isMapping(parent) || !Object.hasOwn(parent, key)) return `remove: ${path.join("/")} does not exist`;
  delete parent[key];
  return undefined;
}

function arrayIndex(segment: string, max: number): number | undefined {
  if (!/^(0|[1-9][0-9]*)$/.test(segment)) return undefined;
  const index = Number(segment);
  return index <= max ? index : undefined;
}
