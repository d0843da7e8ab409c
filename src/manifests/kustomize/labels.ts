import {
  COMMON_ANNOTATION_SPECS,
  COMMON_LABEL_SPECS,
  METADATA_LABELS,
  TEMPLATE_LABEL_SPECS,
  VOLUME_CLAIM_LABELS,
} from "./builtin-field-specs.js";
import { type FieldSpec, parseFieldSpecs, visitFieldSpec } from "./field-specs.js";
import { type Kustomization, mappingList, stringMap } from "./kustomization.js";
import { isMapping, type Origin, setField } from "./provenance.js";
import type { Resource } from "./resource.js";

/**
 * `labels` entries, then `commonLabels` (kustomize's LabelTransformer). commonLabels and
 * `includeSelectors: true` also go into selectors, NetworkPolicy pod selectors included (where a
 * matchLabels already exists: an empty `podSelector: {}` stays empty); `includeTemplates: true`
 * adds pod templates only; plain `labels` touch metadata.labels alone.
 */
export function applyLabels(k: Kustomization, resources: readonly Resource[]): void {
  for (const { value: entry, index } of mappingList(k, "labels")) {
    const pairs = stringMap(k, "labels", entry.pairs, ["labels", index, "pairs"]);
    const specs: FieldSpec[] = parseFieldSpecs(entry.fields);
    if (entry.includeSelectors === true) specs.push(...COMMON_LABEL_SPECS);
    else {
      if (entry.includeTemplates === true) specs.push(...TEMPLATE_LABEL_SPECS);
      specs.push(METADATA_LABELS);
    }
    if (entry.includeVolumeClaimTemplates === true && entry.includeSelectors !== true) {
      specs.push(VOLUME_CLAIM_LABELS);
    }
    setPairs(k, resources, pairs, specs, ["labels", index, "pairs"]);
  }
  setPairs(k, resources, stringMap(k, "commonLabels"), COMMON_LABEL_SPECS, ["commonLabels"]);
}

/** `commonAnnotations` on metadata and pod templates (kustomize's AnnotationsTransformer). */
export function applyAnnotations(k: Kustomization, resources: readonly Resource[]): void {
  setPairs(k, resources, stringMap(k, "commonAnnotations"), COMMON_ANNOTATION_SPECS, ["commonAnnotations"]);
}

function setPairs(
  k: Kustomization,
  resources: readonly Resource[],
  pairs: Readonly<Record<string, string>>,
  specs: readonly FieldSpec[],
  at: readonly (string | number)[],
): void {
  const keys = Object.keys(pairs);
  if (keys.length === 0) return;
  const origin = (path: readonly (string | number)[]): Origin => ({
    file: k.file,
    positions: k.positions,
    path,
  });
  for (const resource of resources) {
    for (const spec of specs) {
      visitFieldSpec(resource, spec, origin(at), (parent, key) => {
        let map = parent[key];
        if (!isMapping(map)) {
          if (!spec.create || (map !== undefined && map !== null)) return;
          map = {};
          setField(parent, key, map, origin(at));
        }
        for (const name of keys)
          setField(map as Record<string, unknown>, name, pairs[name], origin([...at, name]));
      });
    }
  }
}
