import { listStrategy } from "./merge-keys.js";
import { isMapping, type Origin, originOf, setField, withOriginOf } from "./provenance.js";

/** Where the merge is: the object's type, and the field path (names only) for merge keys. */
interface MergeAt {
  readonly kind: string;
  readonly path: readonly string[];
}

const DIRECTIVE = "$patch";
const DELETE_FROM = "$deleteFromPrimitiveList/";
const RETAIN_KEYS = "$retainKeys";

/** The mapping a `$patch: delete` patch leaves: the resource is removed. */
export const DELETED = Symbol("deleted");

/**
 * Kubernetes strategic merge of `patch` into `target` (mutated), as kustomize applies it:
 * mappings merge key by key (`null` deletes a key), lists merge by their merge key or are
 * replaced, `$patch: delete` / `$patch: replace` / `$retainKeys` / `$deleteFromPrimitiveList`
 * directives are honoured and `$setElementOrder` is ignored (it only orders).
 */
export function mergeMapping(
  target: Record<string, unknown>,
  patch: Record<string, unknown>,
  at: MergeAt,
): Record<string, unknown> | typeof DELETED {
  if (patch[DIRECTIVE] === "delete") return DELETED;
  if (patch[DIRECTIVE] === "replace") return stripDirectives(patch) as Record<string, unknown>;
  for (const [key, value] of Object.entries(patch)) {
    if (key === DIRECTIVE || key === RETAIN_KEYS || key.startsWith("$setElementOrder/")) continue;
    if (key.startsWith(DELETE_FROM)) {
      deleteFromPrimitiveList(target, key.slice(DELETE_FROM.length), value);
      continue;
    }
    const origin = fieldOrigin(patch, key);
    if (value === null) {
      delete target[key];
      continue;
    }
    const current = target[key];
    const childAt = { ...at, path: [...at.path, key] };
    if (isMapping(current) && isMapping(value)) {
      const merged = mergeMapping(current, value, childAt);
      if (merged === DELETED) delete target[key];
      else if (merged !== current) setField(target, key, merged, origin);
    } else if (Array.isArray(current) && Array.isArray(value)) {
      setField(target, key, mergeList(current, value, childAt), originOf(value) ?? origin);
    } else {
      const added = isMapping(value)
        ? mergeMapping(withOriginOf(value, {}), value, childAt)
        : stripDirectives(value);
      if (added !== DELETED) setField(target, key, added, originOf(value) ?? origin);
    }
  }
  const retain = patch[RETAIN_KEYS];
  if (Array.isArray(retain)) {
    for (const key of Object.keys(target)) if (!retain.includes(key)) delete target[key];
  }
  return target;
}

/**
 * Lists merge as kustomize's kyaml merges them (merge2 with ListIncreaseDirection prepend): the
 * patch's items first, in the patch's order, each merged into the target's item with the same
 * key, then the target's items the patch does not mention, in their order.
 */
function mergeList(target: unknown[], patch: unknown[], at: MergeAt): unknown[] {
  const replace = patch.find((item) => isMapping(item) && item[DIRECTIVE] === "replace");
  if (replace !== undefined) return patch.filter((item) => item !== replace).map(stripDirectives);
  const strategy = listStrategy(at.kind, at.path);
  if (strategy.type === "replace") return stripDirectives(patch) as unknown[];
  if (strategy.type === "mergePrimitives") return [...new Set([...patch, ...target])];
  const same = (a: unknown, b: unknown): boolean =>
    isMapping(a) &&
    isMapping(b) &&
    a[strategy.key] !== undefined &&
    a[strategy.key] === b[strategy.key] &&
    (strategy.also ?? []).every((k) => a[k] === undefined || b[k] === undefined || a[k] === b[k]);
  const used = new Set<unknown>();
  const result: unknown[] = [];
  for (const item of patch) {
    if (!isMapping(item)) continue;
    const existing = target.find((candidate) => !used.has(candidate) && same(candidate, item));
    if (existing !== undefined) used.add(existing);
    if (item[DIRECTIVE] === "delete") continue;
    const merged = mergeMapping(isMapping(existing) ? existing : withOriginOf(item, {}), item, at);
    if (merged !== DELETED) result.push(merged);
  }
  for (const item of target) if (!used.has(item)) result.push(item);
  return result;
}

function deleteFromPrimitiveList(target: Record<string, unknown>, key: string, values: unknown): void {
  const list = target[key];
  if (Array.isArray(list) && Array.isArray(values))
    target[key] = list.filter((item) => !values.includes(item));
}

/** A copy of a patch value without its directives, keeping where it was written. */
function stripDirectives(value: unknown): unknown {
  if (Array.isArray(value)) {
    const items = value
      .filter((item) => !(isMapping(item) && item[DIRECTIVE] === "delete"))
      .map(stripDirectives);
    return withOriginOf(value, items);
  }
  if (!isMapping(value)) return value;
  const entries = Object.entries(value)
    .filter(([key]) => !key.startsWith("$"))
    .map(([key, child]) => [key, stripDirectives(child)] as const);
  return withOriginOf(value, Object.fromEntries(entries));
}

/** Where the patch wrote `key`: its mapping's origin, one step down. */
function fieldOrigin(patch: Record<string, unknown>, key: string): Origin | undefined {
  const origin = originOf(patch);
  return origin && { ...origin, path: [...origin.path, key] };
}
