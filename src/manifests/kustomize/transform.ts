import type { RenderContext } from "./context.js";
import { applyGenerators } from "./generators.js";
import { applyImages } from "./images.js";
import type { Kustomization } from "./kustomization.js";
import { applyAnnotations, applyLabels } from "./labels.js";
import { applyNameAffixes } from "./name-affixes.js";
import { applyNamespace } from "./namespace.js";
import { reportOutOfScope } from "./out-of-scope.js";
import { applyPatches, applyPatchesJson6902, applyPatchesStrategicMerge } from "./patches.js";
import { applyReplacements } from "./replacements.js";
import { applyReplicas } from "./replicas.js";
import type { Resource } from "./resource.js";

/**
 * A kustomization's generators, then its transformers, in the order kustomize runs them
 * (api/internal/target/kusttarget_configplugin.go): patchesStrategicMerge, patches, namespace,
 * namePrefix/nameSuffix, labels and commonLabels, commonAnnotations, patchesJson6902,
 * replicas, images, replacements.
 */
export function applyKustomization(context: RenderContext, k: Kustomization, resources: Resource[]): void {
  reportOutOfScope(k);
  applyGenerators(context, k, resources);
  applyPatchesStrategicMerge(context, k, resources);
  applyPatches(context, k, resources);
  applyNamespace(k, resources);
  applyNameAffixes(k, resources);
  applyLabels(k, resources);
  applyAnnotations(k, resources);
  applyPatchesJson6902(context, k, resources);
  applyReplicas(k, resources);
  applyImages(k, resources);
  applyReplacements(context, k, resources);
}
