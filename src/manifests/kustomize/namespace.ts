import { type Kustomization, stringOf } from "./kustomization.js";
import { setField } from "./provenance.js";
import { currentName, isClusterScoped, metadataOf, type Resource, rememberName } from "./resource.js";

/**
 * `namespace:` sets metadata.namespace of every namespaced object, replacing what was written
 * (kustomize's NamespaceTransformer; cluster-scoped kinds keep none).
 */
export function applyNamespace(k: Kustomization, resources: readonly Resource[]): void {
  const namespace = stringOf(k, "namespace");
  if (namespace === "") return;
  const origin = { file: k.file, positions: k.positions, path: ["namespace"] };
  for (const resource of resources) {
    if (isClusterScoped(resource) || currentName(resource).namespace === namespace) continue;
    rememberName(resource);
    setField(metadataOf(resource), "namespace", namespace, origin);
  }
}
