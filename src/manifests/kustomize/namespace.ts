import { type Kustomization, stringOf } from "./kustomization.js";
import { isMapping, type Origin, setField } from "./provenance.js";
import {
  apiVersionOf,
  currentName,
  isClusterScoped,
  kindOf,
  metadataOf,
  type Resource,
  rememberName,
} from "./resource.js";

/**
 * `namespace:` sets metadata.namespace of every namespaced object, replacing what was written
 * (kustomize's NamespaceTransformer; cluster-scoped kinds keep none), and its other field specs
 * (api/internal/konfig/builtinpluginconsts/namespace.go): a v1 Namespace object is renamed to it
 * (its labels then describe that namespace), RoleBinding and ClusterRoleBinding subjects named
 * `default` get it (the `defaultOnly` default), and so do an APIService's service and a
 * CustomResourceDefinition's conversion webhook service.
 */
export function applyNamespace(k: Kustomization, resources: readonly Resource[]): void {
  const namespace = stringOf(k, "namespace");
  if (namespace === "") return;
  const origin = { file: k.file, positions: k.positions, path: ["namespace"] };
  for (const resource of resources) {
    setOtherNamespaces(resource, namespace, origin);
    if (
      kindOf(resource) === "Namespace" &&
      apiVersionOf(resource) === "v1" &&
      currentName(resource).name !== namespace
    ) {
      rememberName(resource);
      setField(metadataOf(resource), "name", namespace, origin);
    }
    if (isClusterScoped(resource) || currentName(resource).namespace === namespace) continue;
    rememberName(resource);
    setField(metadataOf(resource), "namespace", namespace, origin);
  }
}

function setOtherNamespaces(resource: Resource, namespace: string, origin: Origin): void {
  const { value } = resource;
  const kind = kindOf(resource);
  if ((kind === "RoleBinding" || kind === "ClusterRoleBinding") && Array.isArray(value.subjects)) {
    for (const subject of value.subjects)
      if (isMapping(subject) && subject.name === "default") setField(subject, "namespace", namespace, origin);
  }
  const spec = isMapping(value.spec) ? value.spec : undefined;
  if (kind === "APIService" && spec) {
    if (!isMapping(spec.service)) setField(spec, "service", {}, origin);
    setField(spec.service as Record<string, unknown>, "namespace", namespace, origin);
  }
  const webhook =
    kind === "CustomResourceDefinition" && isMapping(spec?.conversion) ? spec.conversion.webhook : undefined;
  const service =
    isMapping(webhook) && isMapping(webhook.clientConfig) ? webhook.clientConfig.service : undefined;
  if (isMapping(service)) setField(service, "namespace", namespace, origin);
}
