/**
 * How strategic merge treats one list, from Kubernetes' patch strategies (the
 * `patchMergeKey`/`patchStrategy` tags of k8s.io/api) for the fields that matter here.
 */
export type ListStrategy =
  | { readonly type: "merge"; readonly key: string }
  | { readonly type: "mergePrimitives" }
  | { readonly type: "replace" };

const CONTAINER_LISTS = new Set(["containers", "initContainers", "ephemeralContainers"]);

// API groups of the built-in kinds: kustomize knows their schema, so a list without a merge key
// there is replaced (NetworkPolicy ingress/egress, tolerations, args...). Other kinds are custom
// resources, merged by `name` when every item has one (kyaml's fallback).
const BUILT_IN_GROUPS = new Set([
  "",
  "apps",
  "batch",
  "networking.k8s.io",
  "policy",
  "rbac.authorization.k8s.io",
  "autoscaling",
  "extensions",
  "storage.k8s.io",
  "admissionregistration.k8s.io",
  "apiextensions.k8s.io",
  "scheduling.k8s.io",
  "coordination.k8s.io",
  "discovery.k8s.io",
  "node.k8s.io",
  "certificates.k8s.io",
]);

/** The strategy of the list at `path` (names only, list indexes left out) in an object of `kind`. */
export function listStrategy(
  group: string,
  kind: string,
  path: readonly string[],
  items: readonly unknown[][],
): ListStrategy {
  const last = path[path.length - 1] ?? "";
  const parent = path[path.length - 2] ?? "";
  const key = builtInMergeKey(kind, path, last, parent);
  if (key === "$primitive") return { type: "mergePrimitives" };
  if (key !== undefined) return { type: "merge", key };
  if (BUILT_IN_GROUPS.has(group)) return { type: "replace" };
  const everyItemNamed = items.every((list) =>
    list.every((item) => typeof item === "object" && item !== null && "name" in item),
  );
  return everyItemNamed ? { type: "merge", key: "name" } : { type: "replace" };
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
