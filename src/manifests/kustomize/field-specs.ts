import { isMapping, type Origin, setField } from "./provenance.js";
import { apiVersionOf, groupVersion, kindOf, type Resource } from "./resource.js";

/** kustomize's FieldSpec: a slash path, `[]` or not on lists (each item is visited), and which types it applies to. */
export interface FieldSpec {
  readonly path: string;
  readonly create: boolean;
  readonly group?: string;
  readonly version?: string;
  readonly kind?: string;
}

export function fieldSpecSelects(spec: FieldSpec, resource: Resource): boolean {
  const { group, version } = groupVersion(apiVersionOf(resource));
  return (
    (spec.kind === undefined || spec.kind === kindOf(resource)) &&
    (spec.group === undefined || spec.group === group) &&
    (spec.version === undefined || spec.version === version)
  );
}

/**
 * Calls `visit` with the parent mapping and key of every field `spec.path` reaches in the
 * resource, creating missing mappings on the way when `spec.create` (recorded as written at `origin`).
 */
export function visitFieldSpec(
  resource: Resource,
  spec: FieldSpec,
  origin: Origin | undefined,
  visit: (parent: Record<string, unknown>, key: string) => void,
): void {
  if (!fieldSpecSelects(spec, resource)) return;
  walk(resource.value, spec.path.split("/"), spec.create, origin, visit);
}

function walk(
  node: unknown,
  segments: readonly string[],
  create: boolean,
  origin: Origin | undefined,
  visit: (parent: Record<string, unknown>, key: string) => void,
): void {
  if (Array.isArray(node)) {
    for (const item of node) walk(item, segments, create, origin, visit);
    return;
  }
  if (!isMapping(node)) return;
  const [segment, ...rest] = segments;
  if (segment === undefined) return;
  // A `name[]` segment is a list kustomize never creates (api/filters/fieldspec).
  const list = segment.endsWith("[]");
  const head = list ? segment.slice(0, -2) : segment;
  if (rest.length === 0) {
    visit(node, head);
    return;
  }
  let child = node[head];
  if (child === undefined || child === null) {
    if (!create || list) return;
    child = {};
    setField(node, head, child, origin);
  }
  walk(child, rest, create, origin, visit);
}

/** Reads the `fields:` of a `labels` entry (kustomize FieldSpec YAML). */
export function parseFieldSpecs(raw: unknown): FieldSpec[] {
  if (!Array.isArray(raw)) return [];
  return raw.filter(isMapping).flatMap((entry) => {
    if (typeof entry.path !== "string") return [];
    const text = (key: string) => (typeof entry[key] === "string" ? { [key]: entry[key] as string } : {});
    return [
      {
        path: entry.path,
        create: entry.create === true,
        ...text("group"),
        ...text("version"),
        ...text("kind"),
      },
    ];
  });
}
