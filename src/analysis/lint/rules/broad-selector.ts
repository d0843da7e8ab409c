import type { Finding } from "../../../model/finding.js";
import { isMatchAll } from "../../../model/selector.js";
import type { LintContext } from "../context.js";
import { joinAnd, policyObject } from "../describe.js";
import { finding, type LintRule } from "../rule.js";

const ID = "broad-selector";

/**
 * `podSelector: {}` is right for a default deny, which only isolates. In a policy that allows
 * traffic it grants that traffic to every pod of the namespace, including pods added later by
 * people who never read this policy.
 */
export const broadSelector: LintRule = {
  id: ID,
  defaultSeverity: "notice",
  summary: "podSelector: {} in a policy that allows traffic (not a default deny).",
  check: (context: LintContext): Finding[] => {
    const out: Finding[] = [];
    for (const policy of context.tree.policies) {
      if (!isMatchAll(policy.podSelector)) continue;
      const allowing = policy.policyTypes.filter((d) => policy[d].length > 0);
      if (allowing.length === 0) continue;
      const what = joinAnd(allowing.map((d) => `${d} rules`));
      out.push(
        finding(
          ID,
          "notice",
          policy.source,
          policyObject(policy),
          `podSelector is empty, so the policy's ${what} apply to every pod in namespace ${policy.namespace}, including pods added later.`,
          "Select only the pods that need this traffic with podSelector.matchLabels; keep podSelector: {} for default-deny policies, which allow nothing.",
        ),
      );
    }
    return out;
  },
};
