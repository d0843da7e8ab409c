import type { Finding } from "../../../model/finding.js";
import { adminMissingDescriptions } from "../../admin/lint-missing-description.js";
import type { LintContext } from "../context.js";
import { joinAnd, policyObject } from "../describe.js";
import { finding, type LintRule } from "../rule.js";

const ID = "missing-description";
const SEVERITY = "warning";

/**
 * A policy whose purpose is written nowhere cannot be reviewed: nobody can tell whether a path
 * it opens is intended. An accepted key whose value is empty or whitespace counts as missing.
 */
export const missingDescription: LintRule = {
  id: ID,
  defaultSeverity: SEVERITY,
  summary: "A NetworkPolicy or admin policy has no documentation annotation saying why it exists.",
  check: (context: LintContext): Finding[] => {
    const keys = context.descriptionAnnotations;
    const out: Finding[] = [];
    for (const policy of context.tree.policies) {
      const present = keys.filter((key) => Object.hasOwn(policy.annotations, key));
      if (present.some((key) => (policy.annotations[key] as string).trim() !== "")) continue;
      const what =
        present.length > 0
          ? `Its ${present[0]} annotation is empty, so nothing says why this policy exists`
          : `No ${joinAnd(keys, "or")} annotation says why this policy exists`;
      out.push(
        finding(
          ID,
          SEVERITY,
          policy.source,
          policyObject(policy),
          `${what}; reviewers cannot tell whether the traffic it allows or denies is intended.`,
          `Add a ${keys[0]} annotation under metadata.annotations saying what the policy is for and who relies on it.`,
        ),
      );
    }
    return [...out, ...adminMissingDescriptions(context.tree.adminPolicies, keys)];
  },
};
