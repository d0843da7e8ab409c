import type { Kustomization } from "./kustomization.js";

/** Fields that are rendered (by a transform of this folder), and the legacy ones kustomize still reads. */
const RENDERED_FIELDS = new Set([
  "apiVersion",
  "kind",
  "metadata",
  "resources",
  "bases",
  "components",
  "namespace",
  "namePrefix",
  "nameSuffix",
  "commonLabels",
  "labels",
  "commonAnnotations",
  "patches",
  "patchesStrategicMerge",
  "patchesJson6902",
  "replicas",
  "images",
  "configMapGenerator",
  "secretGenerator",
  "generatorOptions",
  "replacements",
  "sortOptions",
]);

/** Fields kustomize knows that this renderer does not apply: why, and what the review misses. */
const NOT_RENDERED: Readonly<Record<string, string>> = {
  buildMetadata:
    "build metadata (origin annotations, managed-by label) is not added; it does not change reachability",
  helmCharts: "Helm charts are not inflated (that runs helm); the review does not include their objects",
  helmChartInflationGenerator:
    "Helm charts are not inflated (that runs helm); the review does not include their objects",
  helmGlobals: "Helm charts are not inflated (that runs helm)",
  generators: "KRM function and plugin generators are not run; the review does not include their objects",
  transformers:
    "KRM function and plugin transformers are not run; the review sees the objects without their changes",
  validators: "KRM function validators are not run",
  openapi: "a custom OpenAPI schema is not read; strategic merge uses the built-in merge keys",
  crds: "CRD schemas are not read; custom resources are merged by the built-in rules",
  configurations:
    "custom transformer configurations are not read; labels, names and namespaces are set at the built-in fields only",
  imageTags:
    "the deprecated imageTags field is not applied (images: is); container images do not change reachability",
  vars: "vars are not substituted; $(VAR) references stay as written",
};

// Left out without changing which pods exist, their labels or their ports.
const NOTICE_ONLY = new Set(["buildMetadata", "imageTags"]);

/** One diagnostic per field this renderer leaves out, and per field kustomize itself does not know. */
export function reportOutOfScope(k: Kustomization): void {
  for (const key of Object.keys(k.fields)) {
    if (RENDERED_FIELDS.has(key)) continue;
    const reason = NOT_RENDERED[key];
    if (reason !== undefined)
      k.report.report(NOTICE_ONLY.has(key) ? "notice" : "warning", [key], `not rendered: ${key}: ${reason}`);
    else
      k.report.report(
        "warning",
        [key],
        `unknown kustomization field ${key}: kustomize build rejects it; ignored here`,
      );
  }
}
