import type { Finding } from "../../../model/finding.js";
import { describeSelector, isMatchAll } from "../../../model/selector.js";
import type { LintContext } from "../context.js";
import { policyObject } from "../describe.js";
import { finding, type LintRule } from "../rule.js";
import { didYouMean, nearMiss, suggestForSelector } from "../suggest.js";

const ID = "selects-nothing";

/**
 * A policy whose podSelector matches no pod does nothing at all, and usually means a typo or a
 * label that changed. `podSelector: {}` is never reported: it selects whatever the namespace
 * runs. When the namespace has no workload in the repository (or the cluster context), the
 * selector cannot be checked and the finding is only a notice.
 */
export const selectsNothing: LintRule = {
  id: ID,
  defaultSeverity: "warning",
  summary: "A NetworkPolicy's podSelector matches no workload in its namespace.",
  check: (context: LintContext): Finding[] => {
    const out: Finding[] = [];
    for (const policy of context.tree.policies) {
      if (isMatchAll(policy.podSelector)) continue;
      if (context.podsSelectedBy(policy).length > 0) continue;
      const selector = describeSelector(policy.podSelector);
      const inNamespace = context.podsIn(policy.namespace);
      const object = policyObject(policy);
      if (inNamespace.length === 0) {
        out.push(
          finding(
            ID,
            "notice",
            policy.source,
            object,
            `podSelector ${selector} selects no pod: namespace ${policy.namespace} has no workload in this repository or the cluster context, so what the policy applies to cannot be checked.`,
            `If the namespace's workloads are deployed from elsewhere, declare them in the cluster context of the configuration; otherwise check the selector.`,
          ),
        );
        continue;
      }
      const suggestion =
        didYouMean(
          suggestForSelector(
            policy.podSelector,
            inNamespace.map((p) => p.labels),
            true,
          ),
        ) || nearMiss(policy.podSelector, inNamespace);
      out.push(
        finding(
          ID,
          "warning",
          policy.source,
          object,
          `podSelector ${selector} matches no workload in namespace ${policy.namespace}, so the policy applies to no pod and its rules do nothing${suggestion ? `; ${suggestion}` : "."}`,
          `Change spec.podSelector to labels the intended pods carry${suggestion ? ` (${suggestion})` : ""}, or delete the policy if those pods are gone.`,
        ),
      );
    }
    return out;
  },
};
