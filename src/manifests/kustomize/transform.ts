import type { RenderContext } from "./context.js";
import type { Kustomization } from "./kustomization.js";
import { applyNamespace } from "./namespace.js";
import { reportOutOfScope } from "./out-of-scope.js";
import type { Resource } from "./resource.js";

/**
 * A kustomization's generators, then its transformers, in the order kustomize runs them
 * (api/internal/target/kusttarget_configplugin.go): patchesStrategicMerge, patches, namespace,
 * namePrefix, nameSuffix, labels and commonLabels, commonAnnotations, patchesJson6902,
 * replicas, images, replacements.
 */
export function applyKustomization(context: RenderContext, k: Kustomization, resources: Resource[]): void {
  reportOutOfScope(k);
  void context;
  applyNamespace(k, resources);
}
