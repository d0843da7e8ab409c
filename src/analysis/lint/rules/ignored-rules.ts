import type { Finding } from "../../../model/finding.js";
import { DIRECTIONS } from "../../../model/network-policy.js";
import type { LintContext } from "../context.js";
import { joinAnd, policyObject, policyType } from "../describe.js";
import { finding, type LintRule } from "../rule.js";

const ID = "ignored-rules";

/**
 * With an explicit `policyTypes`, rules of a direction it leaves out are ignored by
 * Kubernetes: they allow nothing, and that direction is not isolated by the policy. Someone
 * wrote them expecting them to matter. Reported at the first ignored rule.
 */
export const ignoredRules: LintRule = {
  id: ID,
  defaultSeverity: "warning",
  summary: "policyTypes leaves out a direction that has rules, so those rules do nothing.",
  check: (context: LintContext): Finding[] => {
    const out: Finding[] = [];
    for (const policy of context.tree.policies) {
      if (!policy.policyTypesDeclared) continue;
      for (const direction of DIRECTIONS) {
        const rules = policy[direction];
        const first = rules[0];
        if (policy.policyTypes.includes(direction) || !first) continue;
        const listed = joinAnd(policy.policyTypes.map(policyType));
        const count =
          rules.length === 1
            ? `its ${direction} rule is ignored: it allows`
            : `its ${rules.length} ${direction} rules are ignored: they allow`;
        out.push(
          finding(
            ID,
            "warning",
            { file: policy.source.file, line: first.line },
            policyObject(policy),
            `policyTypes lists only ${listed}, so ${count} nothing, and this policy does not restrict ${direction} at all.`,
            `Add ${policyType(direction)} to policyTypes if the rules should apply (this also isolates the selected pods for ${direction}), or delete them.`,
          ),
        );
      }
    }
    return out;
  },
};
