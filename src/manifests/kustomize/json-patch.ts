import { isDeepStrictEqual } from "node:util";
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
      // RFC 6902 §4.6: objects are equal with the same members in any order, so no string compare.
      return found.ok && isDeepStrictEqual(found.value, operation.value)
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

/** Where an operation writes: an index of a list or a key of a mapping, or why there is no such place. */
type Slot =
  | { readonly list: unknown[]; readonly index: number }
  | { readonly mapping: Record<string, unknown>; readonly key: string };

/** `adding`: the index may be one past the end (or `-`), and the key may be new. */
function slotAt(document: unknown, path: readonly string[], op: string, adding: boolean): Slot | string {
  const key = path[path.length - 1];
  if (key === undefined) return `${op} of the whole document is not supported`;
  const parent = parentOf(document, path);
  if (Array.isArray(parent)) {
    const index = adding && key === "-" ? parent.length : arrayIndex(key, parent.length - (adding ? 0 : 1));
    return index === undefined ? `${op}: index ${key} is out of range` : { list: parent, index };
  }
  if (!isMapping(parent)) return `${op}: the parent of ${path.join("/")} does not exist`;
  if (!adding && !Object.hasOwn(parent, key)) return `${op}: ${path.join("/")} does not exist`;
  return { mapping: parent, key };
}

function add(document: unknown, path: readonly string[], value: unknown, origin: Origin): string | undefined {
  const slot = slotAt(document, path, "add", true);
  if (typeof slot === "string") return slot;
  if ("list" in slot) slot.list.splice(slot.index, 0, value);
  else setField(slot.mapping, slot.key, value, { ...origin, path: [...origin.path, "value"] });
  return undefined;
}

function replace(
  document: unknown,
  path: readonly string[],
  value: unknown,
  origin: Origin,
): string | undefined {
  const slot = slotAt(document, path, "replace", false);
  if (typeof slot === "string") return slot;
  if ("list" in slot) slot.list[slot.index] = value;
  else setField(slot.mapping, slot.key, value, { ...origin, path: [...origin.path, "value"] });
  return undefined;
}

function remove(document: unknown, path: readonly string[]): string | undefined {
  const slot = slotAt(document, path, "remove", false);
  if (typeof slot === "string") return slot;
  if ("list" in slot) slot.list.splice(slot.index, 1);
  else delete slot.mapping[slot.key];
  return undefined;
}

function arrayIndex(segment: string, max: number): number | undefined {
  if (!/^(0|[1-9][0-9]*)$/.test(segment)) return undefined;
  const index = Number(segment);
  return index <= max ? index : undefined;
}
