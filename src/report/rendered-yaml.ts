import { stringify } from "yaml";

/**
 * Rendered objects as `kustomize build` prints them: one YAML document each, `---` between them,
 * mapping keys sorted (kustomize writes objects through a JSON map, so its keys come out sorted).
 */
export function renderedYaml(objects: readonly Record<string, unknown>[]): string {
  return objects
    .map((object) => stringify(sortKeys(object), { lineWidth: 0, version: "1.1" }).trimEnd())
    .join("\n---\n");
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (typeof value !== "object" || value === null) return value;
  const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(entries.map(([k, v]) => [k, sortKeys(v)]));
}
