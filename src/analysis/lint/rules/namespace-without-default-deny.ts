import type { Finding } from "../../../model/finding.js";
import type { NetworkPolicy } from "../../../model/network-policy.js";
import { isMatchAll } from "../../../model/selector.js";
import type { LintContext } from "../context.js";
import { finding, type LintRule } from "../rule.js";
import { allowsEverything } from "./allow-all-rule.js";

const ID = "namespace-without-default-deny";

/**
 * A policy that selects every pod of its namespace (`podSelector: {}`) for ingress, without a
 * rule that allows everything, isolates every pod there, present and future: a default deny,
 * whatever exceptions it also allows. Without one, pods no policy selects accept connections
 * from anywhere and every new workload starts open. Reported once per namespace that has
 * workloads in the repository, at its Namespace manifest (or its first workload when the
 * repository has none).
 */
export function isDefaultDenyIngress(policy: NetworkPolicy): boolean {
  return (
    isMatchAll(policy.podSelector) &&
    policy.policyTypes.includes("ingress") &&
    !policy.ingress.some(allowsEverything)
  );
}

export const namespaceWithoutDefaultDeny: LintRule = {
  id: ID,
  defaultSeverity: "notice",
  summary: "A namespace with workloads has no default-deny ingress policy.",
  check: (context: LintContext): Finding[] => {
    const { tree } = context;
    const covered = new Set(tree.policies.filter(isDefaultDenyIngress).map((p) => p.namespace));
    const firstWorkload = new Map<string, { file: string; line: number }>();
    for (const workload of tree.workloads) {
      if (context.inRepository(workload) && !firstWorkload.has(workload.namespace))
        firstWorkload.set(workload.namespace, workload.source);
    }
    const out: Finding[] = [];
    for (const [namespace, workloadAt] of firstWorkload) {
      if (covered.has(namespace)) continue;
      const manifest = tree.namespaces.find((n) => n.name === namespace && context.inRepository(n));
      out.push(
        finding(
          ID,
          "notice",
          manifest?.source ?? workloadAt,
          `Namespace ${namespace}`,
          `Namespace ${namespace} has workloads but no default-deny ingress policy: pods that no policy selects accept connections from anywhere, and every new workload starts open.`,
          `Add a NetworkPolicy in ${namespace} with podSelector: {} and policyTypes: [Ingress] (no ingress rules), then allow what each workload needs.`,
        ),
      );
    }
    return out;
  },
};
