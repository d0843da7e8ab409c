/**
 * How strategic merge treats one list, from Kubernetes' patch strategies (the
 * `patchMergeKey`/`patchStrategy` tags of k8s.io/api) for the fields that matter here.
 */
export type ListStrategy =
  /** `also`: secondary list-map keys (`protocol`), compared only when both items write them. */
  | { readonly type: "merge"; readonly key: string; readonly also?: readonly string[] }
  | { readonly type: "mergePrimitives" }
  | { readonly type: "replace" };

const CONTAINER_LISTS = new Set(["containers", "initContainers", "ephemeralContainers"]);

/**
 * The strategy of the list at `path` (names only, list indexes left out) in an object of `kind`.
 * Every other list is replaced, custom resources' lists included: kustomize only merges lists its
 * OpenAPI data gives a merge key (it does not infer one without a schema).
 */
export function listStrategy(kind: string, path: readonly string[]): ListStrategy {
  const last = path[path.length - 1] ?? "";
  const parent = path[path.length - 2] ?? "";
  const key = builtInMergeKey(kind, path, last, parent);
  if (key === "$primitive") return { type: "mergePrimitives" };
  if (key === "containerPort" || key === "port") return { type: "merge", key, also: ["protocol"] };
  if (key !== undefined) return { type: "merge", key };
  return { type: "replace" };
}

function builtInMergeKey(
  kind: string,
  path: readonly string[],
  last: string,
  parent: string,
): string | undefined {
  if (CONTAINER_LISTS.has(last)) return "name";
  if (CONTAINER_LISTS.has(parent)) {
    if (last === "ports") return "containerPort";
    if (last === "env") return "name";
    if (last === "volumeMounts") return "mountPath";
    if (last === "volumeDevices") return "devicePath";
    if (last === "resizePolicy") return "resourceName";
    return undefined;
  }
  if (kind === "Service" && path.join(".") === "spec.ports") return "port";
  if (path.join(".") === "metadata.finalizers") return "$primitive";
  if (path.join(".") === "metadata.ownerReferences") return "uid";
  if (last === "conditions") return "type";
  if (parent !== "spec") return undefined;
  if (["volumes", "imagePullSecrets", "resourceClaims", "schedulingGates"].includes(last)) return "name";
  if (last === "hostAliases") return "ip";
  if (last === "topologySpreadConstraints") return "topologyKey";
  return undefined;
}
