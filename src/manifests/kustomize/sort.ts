import type { Kustomization } from "./kustomization.js";
import { isMapping } from "./provenance.js";
import { apiVersionOf, currentName, groupVersion, kindOf, type Resource } from "./resource.js";

// kustomize's default legacy order (api/internal/builtins/SortOrderTransformer.go).
const ORDER_FIRST = [
  "Namespace",
  "ResourceQuota",
  "StorageClass",
  "CustomResourceDefinition",
  "ServiceAccount",
  "PodSecurityPolicy",
  "Role",
  "ClusterRole",
  "RoleBinding",
  "ClusterRoleBinding",
  "ConfigMap",
  "Secret",
  "Endpoints",
  "Service",
  "LimitRange",
  "PriorityClass",
  "PersistentVolume",
  "PersistentVolumeClaim",
  "Deployment",
  "StatefulSet",
  "CronJob",
  "PodDisruptionBudget",
];
const ORDER_LAST = ["MutatingWebhookConfiguration", "ValidatingWebhookConfiguration"];

/**
 * The output order of `kustomize build`: the top-level kustomization's `sortOptions` (`fifo` keeps
 * the order resources were loaded in), by default the legacy order: orderFirst kinds, then other
 * kinds by group_version_kind, then orderLast kinds; within one type by namespace|name.
 */
export function sortResources(k: Kustomization, resources: Resource[]): Resource[] {
  const options = k.fields.sortOptions;
  let first = ORDER_FIRST;
  let last = ORDER_LAST;
  if (isMapping(options)) {
    if (options.order === "fifo") return resources;
    if (options.order !== "legacy") {
      k.report.error(
        ["sortOptions", "order"],
        "sortOptions.order must be legacy or fifo; the legacy order is used",
      );
    }
    const legacy = options.legacySortOptions;
    if (isMapping(legacy)) {
      first = kinds(legacy.orderFirst);
      last = kinds(legacy.orderLast);
    }
  }
  const rank = new Map<string, number>();
  for (const [i, kind] of first.entries()) rank.set(kind, -first.length + i);
  for (const [i, kind] of last.entries()) rank.set(kind, 1 + i);
  const keyed = resources.map((resource) => ({ resource, ...sortKeys(resource, rank) }));
  keyed.sort((a, b) => a.rank - b.rank || compare(a.gvk, b.gvk) || compare(a.id, b.id));
  return keyed.map((k) => k.resource);
}

function sortKeys(
  resource: Resource,
  rank: ReadonlyMap<string, number>,
): { rank: number; gvk: string; id: string } {
  const kind = kindOf(resource);
  const { group, version } = groupVersion(apiVersionOf(resource));
  const { name, namespace } = currentName(resource);
  return {
    rank: rank.get(kind) ?? 0,
    gvk: [group || "~G", version || "~V", kind || "~K"].join("_"),
    id: [namespace || "~X", name || "~N"].join("|"),
  };
}

// Go compares strings by bytes; for the ASCII of Kubernetes names that is code-unit order.
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function kinds(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}
