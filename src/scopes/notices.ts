import type { ManifestTree } from "../model/tree.js";
import type { RepositoryNotice } from "./types.js";

/** Skipped kinds that are network policies of another implementation or API version. */
const POLICY_KIND = /NetworkPolicy|^AuthorizationPolicy\b|^PeerAuthentication\b/;

/**
 * Network policy kinds the review does not analyse (Calico, Cilium, Istio, `extensions/v1beta1`
 * NetworkPolicy), once per kind with how many objects the trees hold. Other skipped kinds
 * (ConfigMaps, CRDs) say nothing about traffic and are not listed.
 */
export function unanalysedPolicyKinds(trees: readonly ManifestTree[]): RepositoryNotice[] {
  const counts = new Map<string, number>();
  for (const tree of trees)
    for (const [label, n] of Object.entries(tree.skipped))
      if (POLICY_KIND.test(label)) counts.set(label, (counts.get(label) ?? 0) + n);
  return [...counts]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([label, n]) => ({
      rule: "unanalysed-kind",
      message: `not analysed: ${n} ${label} object${n === 1 ? "" : "s"}; the review covers networking.k8s.io/v1 NetworkPolicy and the policy.networking.k8s.io admin policies`,
    }));
}

/**
 * Whether a tree holds nothing the review analyses, and nothing it rejected: an object left out
 * for an error already has its own finding, and "no manifest found" would contradict it.
 */
export function isEmptyTree(tree: ManifestTree): boolean {
  return (
    !tree.diagnostics.some((d) => d.severity === "error") &&
    tree.workloads.length === 0 &&
    tree.policies.length === 0 &&
    tree.adminPolicies.length === 0 &&
    tree.namespaces.length === 0 &&
    tree.services.length === 0
  );
}

/** "No Kubernetes manifest found under <where> (looked for …)": said instead of an empty review. */
export function noManifestsNotice(
  where: string,
  include: readonly string[],
  trees: readonly ManifestTree[],
): RepositoryNotice {
  const files = trees.reduce((n, t) => n + t.files.length, 0);
  const kinds = [...new Set(trees.flatMap((t) => Object.keys(t.skipped)))].sort();
  const read =
    files === 0
      ? "no manifest file read"
      : `${files} file${files === 1 ? "" : "s"} read${kinds.length > 0 ? `, holding only ${kinds.slice(0, 8).join(", ")}${kinds.length > 8 ? ", …" : ""}` : ""}`;
  return {
    rule: "no-manifests",
    message: `No Kubernetes manifest found under ${where} (looked for ${include.join(", ")} holding workloads, Services, Namespaces or network policies: ${read})`,
  };
}
