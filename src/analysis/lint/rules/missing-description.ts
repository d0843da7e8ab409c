import type { Finding } from "../../../model/finding.js";
import { adminMissingDescriptions } from "../../admin/lint-missing-description.js";
import type { LintContext } from "../context.js";
import { policyObject } from "../describe.js";
import { missingDocumentation } from "../documentation.js";
import { finding, type LintRule } from "../rule.js";

const ID = "missing-description";
const SEVERITY = "warning";

/**
 * A policy whose purpose is written nowhere cannot be reviewed: nobody can tell whether a path
 * it opens is intended. Documentation is where teams put it: an accepted annotation (an empty or
 * whitespace value counts as missing), or a comment block right above the object or its
 * `metadata` with at least one descriptive line (`missingDocumentation`).
 */
export const missingDescription: LintRule = {
  id: ID,
  defaultSeverity: SEVERITY,
  summary:
    "A NetworkPolicy or admin policy has no description (annotation or comment above it) saying why it exists.",
  check: (context: LintContext): Finding[] => {
    const keys = context.descriptionAnnotations;
    const out: Finding[] = [];
    for (const policy of context.tree.policies) {
      const what = missingDocumentation(policy, keys, "policy");
      if (what === undefined) continue;
      out.push(
        finding(
          ID,
          SEVERITY,
          policy.source,
          policyObject(policy),
          `${what}; reviewers cannot tell whether the traffic it allows or denies is intended.`,
          `Add a ${keys[0]} annotation under metadata.annotations (or a comment right above the policy) saying what the policy is for and who relies on it.`,
        ),
      );
    }
    return [...out, ...adminMissingDescriptions(context.tree.adminPolicies, keys)];
  },
};
