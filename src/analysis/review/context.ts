import type { ManifestTree } from "../../model/tree.js";
import { WORKLOAD_KINDS, type Workload, type WorkloadKind } from "../../model/workload.js";
import type { ClusterContext } from "./types.js";

/** Where context objects say they come from: the repository configuration, not a manifest. */
export const CONTEXT_SOURCE = { file: ".github/netpol-review.yml", line: 1 } as const;

/**
 * The tree plus what the configuration declares exists in the cluster but not in the
 * repository (kube-dns, an ingress controller). The repository's own objects win on a clash.
 */
export function withContext(tree: ManifestTree, context: ClusterContext | undefined): ManifestTree {
  if (!context || (context.namespaces.length === 0 && context.workloads.length === 0)) return tree;
  const knownNamespaces = new Set(tree.namespaces.map((n) => n.name));
  const knownWorkloads = new Set(tree.workloads.map((w) => `${w.kind}/${w.namespace}/${w.name}`));
  const workloads: Workload[] = context.workloads
    .map(
      (w): Workload => ({
        kind: (WORKLOAD_KINDS as readonly string[]).includes(w.kind ?? "")
          ? (w.kind as WorkloadKind)
          : "Deployment",
        namespace: w.namespace,
        name: w.name,
        podLabels: w.labels,
        ports: (w.ports ?? []).map((p) => ({
          ...(p.name !== undefined && { name: p.name }),
          port: p.port,
          protocol: p.protocol ?? "TCP",
        })),
        source: CONTEXT_SOURCE,
      }),
    )
    .filter((w) => !knownWorkloads.has(`${w.kind}/${w.namespace}/${w.name}`));
  return {
    ...tree,
    namespaces: [
      ...tree.namespaces,
      ...context.namespaces
        .filter((n) => !knownNamespaces.has(n.name))
        .map((n) => ({ name: n.name, labels: n.labels, source: CONTEXT_SOURCE })),
    ],
    workloads: [...tree.workloads, ...workloads],
  };
}
