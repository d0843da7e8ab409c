import type { Labels } from "../model/labels.js";
import { NAMESPACE_NAME_LABEL } from "../model/namespace.js";
import type { ManifestTree } from "../model/tree.js";

/**
 * The labels of every namespace the tree mentions (declared, or implied by a workload or policy
 * living there), each with the implicit `kubernetes.io/metadata.name` label, which the API server
 * sets and users cannot override.
 */
export function namespaceLabels(tree: ManifestTree): Map<string, Labels> {
  const labels = new Map<string, Labels>();
  const ensure = (name: string, declared: Labels = {}): void => {
    if (!labels.has(name)) labels.set(name, { ...declared, [NAMESPACE_NAME_LABEL]: name });
  };
  for (const ns of tree.namespaces) ensure(ns.name, ns.labels);
  for (const w of tree.workloads) ensure(w.namespace);
  for (const p of tree.policies) ensure(p.namespace);
  return labels;
}
