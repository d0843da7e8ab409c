import type { FileReporter } from "./diagnostics.js";
import { parseSelectorString } from "./label-selector.js";
import { isMapping } from "./provenance.js";
import {
  allNames,
  apiVersionOf,
  effectiveNamespace,
  groupVersion,
  isClusterScoped,
  kindOf,
  type Resource,
} from "./resource.js";

/** kustomize's patch `target`: every field optional, name and namespace anchored regular expressions. */
export type TargetSelector = (resource: Resource) => boolean;

/**
 * Compiles a `target:` mapping, or reports why it cannot be used. A resource matches on its
 * original or current name and namespace, as kustomize's ResMap.Select does.
 */
export function compileTarget(
  raw: unknown,
  report: FileReporter,
  at: readonly (string | number)[],
): TargetSelector | undefined {
  if (!isMapping(raw)) {
    report.error(
      at,
      "a patch target must be a mapping (group, version, kind, name, namespace, labelSelector, annotationSelector); patch not applied",
    );
    return undefined;
  }
  const text = (key: string): string | undefined =>
    typeof raw[key] === "string" && raw[key] !== "" ? (raw[key] as string) : undefined;
  const name = anchored(text("name"), report, [...at, "name"]);
  const namespace = anchored(text("namespace"), report, [...at, "namespace"]);
  if (name === null || namespace === null) return undefined;
  const labels = selector(text("labelSelector"), report, [...at, "labelSelector"]);
  const annotations = selector(text("annotationSelector"), report, [...at, "annotationSelector"]);
  if (labels === null || annotations === null) return undefined;
  const group = text("group");
  const version = text("version");
  const kind = text("kind");
  return (resource) => {
    const gv = groupVersion(apiVersionOf(resource));
    if (kind !== undefined && kind !== kindOf(resource)) return false;
    if (group !== undefined && group !== gv.group) return false;
    if (version !== undefined && version !== gv.version) return false;
    const names = allNames(resource);
    if (name && !names.some((n) => name.test(n.name))) return false;
    if (namespace) {
      const namespaces = names.map((n) => (isClusterScoped(resource) ? "" : effectiveNamespace(n.namespace)));
      if (!namespaces.some((ns) => namespace.test(ns))) return false;
    }
    const metadata = isMapping(resource.value.metadata) ? resource.value.metadata : {};
    if (labels && !labels(stringRecord(metadata.labels))) return false;
    if (annotations && !annotations(stringRecord(metadata.annotations))) return false;
    return true;
  };
}

const NESTED_QUANTIFIER = /\([^)]*[*+{][^)]*\)\s*[*+{?]/;
const MAX_PATTERN_LENGTH = 512;

function anchored(
  pattern: string | undefined,
  report: FileReporter,
  at: readonly (string | number)[],
): RegExp | undefined | null {
  if (pattern === undefined) return undefined;
  // kustomize's Go regular expressions run in linear time; JavaScript's backtrack, so a
  // repository could stall the review with a quantified group that holds a quantifier.
  if (NESTED_QUANTIFIER.test(pattern) || pattern.length > MAX_PATTERN_LENGTH) {
    report.error(at, `${pattern} is too complex a regular expression to evaluate safely; patch not applied`);
    return null;
  }
  try {
    return new RegExp(`^(?:${pattern})$`, "u");
  } catch {
    report.error(at, `${pattern} is not a regular expression; patch not applied`);
    return null;
  }
}

function selector(
  text: string | undefined,
  report: FileReporter,
  at: readonly (string | number)[],
): ((labels: Readonly<Record<string, string>>) => boolean) | undefined | null {
  if (text === undefined) return undefined;
  const compiled = parseSelectorString(text);
  if (compiled === undefined) report.error(at, `${text} is not a label selector; patch not applied`);
  return compiled ?? null;
}

function stringRecord(value: unknown): Record<string, string> {
  if (!isMapping(value)) return {};
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, String(v)]));
}
