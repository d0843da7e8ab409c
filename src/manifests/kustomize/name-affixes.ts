import { type Kustomization, stringOf } from "./kustomization.js";
import { setField } from "./provenance.js";
import {
  apiVersionOf,
  currentName,
  groupVersion,
  kindOf,
  metadataOf,
  type Resource,
  rememberName,
} from "./resource.js";

/**
 * `namePrefix` then `nameSuffix` on metadata.name (kustomize's PrefixTransformer and
 * SuffixTransformer), except CustomResourceDefinitions, APIServices and Namespaces, whose names
 * mean something to the API server.
 */
export function applyNameAffixes(k: Kustomization, resources: readonly Resource[]): void {
  const prefix = stringOf(k, "namePrefix");
  const suffix = stringOf(k, "nameSuffix");
  if (prefix === "" && suffix === "") return;
  for (const resource of resources) {
    if (keepsItsName(resource)) continue;
    rememberName(resource);
    resource.affixes.push(`${prefix}|${suffix}`);
    const { name } = currentName(resource);
    const key = prefix !== "" ? "namePrefix" : "nameSuffix";
    setField(metadataOf(resource), "name", `${prefix}${name}${suffix}`, {
      file: k.file,
      positions: k.positions,
      path: [key],
    });
  }
}

function keepsItsName(resource: Resource): boolean {
  const kind = kindOf(resource);
  if (kind === "CustomResourceDefinition" || kind === "Namespace") return true;
  return kind === "APIService" && groupVersion(apiVersionOf(resource)).group === "apiregistration.k8s.io";
}
