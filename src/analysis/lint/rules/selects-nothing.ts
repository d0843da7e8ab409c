import type { Endpoint } from "../../../model/endpoint.js";
import type { Finding } from "../../../model/finding.js";
import type { NetworkPolicy } from "../../../model/network-policy.js";
import { describeSelector, isMatchAll } from "../../../model/selector.js";
import { placeRepresentative } from "../../representative.js";
import type { LintContext } from "../context.js";
import { policyObject } from "../describe.js";
import { finding, type LintRule } from "../rule.js";
import { didYouMean, suggestForSelector } from "../suggest.js";

const ID = "selects-nothing";

/**
 * A policy whose podSelector matches no workload of its namespace. Pods the repository does not
 * hold are normal (an operator creates them from a custom resource, a remote base deploys them),
 * and the review analyses the policy on a stand-in for them: a notice that names the stand-in.
 * It is a warning only when the selector looks like a typo: a label of the namespace's workloads
 * is within a few edits of the one the selector names (key or value). `podSelector: {}` is never
 * reported: it selects whatever the namespace runs.
 */
export const selectsNothing: LintRule = {
  id: ID,
  defaultSeverity: "warning",
  summary: "A NetworkPolicy's podSelector matches no workload in its namespace.",
  check: (context: LintContext): Finding[] => {
    const out: Finding[] = [];
    let endpointById: ReadonlyMap<string, Endpoint> | undefined;
    const endpoint = (id: string) => {
      endpointById ??= new Map(context.analysis.endpoints.map((e) => [e.id, e]));
      return endpointById.get(id);
    };
    for (const policy of context.tree.policies) {
      if (isMatchAll(policy.podSelector)) continue;
      if (context.podsSelectedBy(policy).length > 0) continue;
      const selector = describeSelector(policy.podSelector);
      const inNamespace = context.podsIn(policy.namespace);
      const object = policyObject(policy);
      // Only close labels (edit distance on key and value), never merely other labels of the namespace.
      const typo = didYouMean(
        suggestForSelector(
          policy.podSelector,
          inNamespace.map((p) => p.labels),
        ),
      );
      if (typo) {
        out.push(
          finding(
            ID,
            "warning",
            policy.source,
            object,
            `podSelector ${selector} matches no workload in namespace ${policy.namespace}, so the policy applies to no pod of the repository; ${typo}`,
            `Change spec.podSelector to labels the intended pods carry (${typo}), or delete the policy if those pods are gone.`,
          ),
        );
        continue;
      }
      const where =
        inNamespace.length === 0
          ? `namespace ${policy.namespace} has no workload in this repository or the cluster context`
          : `no workload of namespace ${policy.namespace} carries these labels`;
      const standIn = standInLabel(context, policy, endpoint);
      out.push(
        finding(
          ID,
          "notice",
          policy.source,
          object,
          standIn
            ? `podSelector ${selector} selects no workload: ${where}. The review applies the policy to a stand-in for the pods it names: ${standIn}.`
            : `podSelector ${selector} selects no pod at all: its requirements contradict each other.`,
          standIn
            ? "If an operator or another repository creates these pods, declare them under context.workloads of the configuration so that the review knows their ports; otherwise check the selector."
            : "Fix the selector so that some pod can satisfy it, or delete the policy.",
        ),
      );
    }
    return out;
  },
};

/** The label of the engine's stand-in for the pods the policy's podSelector names, if it could place one. */
function standInLabel(
  context: LintContext,
  policy: NetworkPolicy,
  endpoint: (id: string) => Endpoint | undefined,
): string | undefined {
  const compiled = context.compiled(policy);
  if (!compiled) return undefined;
  const placement = placeRepresentative(compiled.subject, context.analysis.namespaces);
  if (!placement) return undefined;
  return endpoint(placement.id)?.label ?? placement.label;
}
