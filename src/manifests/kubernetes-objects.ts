import type { FieldPath } from "./source-positions.js";

/** A decoded Kubernetes object and where it sits in its document. */
export interface ManifestObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly value: Readonly<Record<string, unknown>>;
  /** `[]` for a document that is the object, `["items", 3]` for an item of a List. */
  readonly path: FieldPath;
}

/**
 * The Kubernetes objects of one decoded document: the document itself, or the items of a
 * `List` / `<Kind>List`. Anything without `apiVersion` and `kind` is not a manifest and is ignored.
 */
export function kubernetesObjects(document: unknown): ManifestObject[] {
  const object = asObject(document, []);
  if (object === undefined) return [];
  const { items } = object.value;
  if (!object.kind.endsWith("List") || !Array.isArray(items)) return [object];
  // Raw API responses (`GET /api/v1/pods`) omit apiVersion and kind on the items of a typed list.
  const inherited = {
    apiVersion: object.apiVersion,
    ...(object.kind === "List" ? {} : { kind: object.kind.slice(0, -"List".length) }),
  };
  const objects: ManifestObject[] = [];
  for (const [index, item] of items.entries()) {
    const itemObject = isRecord(item) ? asObject({ ...inherited, ...item }, ["items", index]) : undefined;
    if (itemObject !== undefined) objects.push(itemObject);
  }
  return objects;
}

function asObject(value: unknown, path: FieldPath): ManifestObject | undefined {
  if (!isRecord(value)) return undefined;
  const { apiVersion, kind } = value;
  if (typeof apiVersion !== "string" || typeof kind !== "string") return undefined;
  return { apiVersion, kind, value, path };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
