import type { AdminPolicy } from "../../model/admin-policy.js";
import type { Finding } from "../../model/finding.js";
import { missingDocumentation } from "../lint/documentation.js";
import { adminObject } from "./describe.js";

export const MISSING_DESCRIPTION = "missing-description";

/**
 * `missing-description` for the cluster-scoped kinds: a guardrail whose purpose is written
 * nowhere cannot be reviewed. Documented as NetworkPolicies are (`missingDocumentation`): an
 * accepted annotation with a value, or a descriptive comment right above the object.
 */
export function adminMissingDescriptions(
  policies: readonly AdminPolicy[],
  accepted: readonly string[],
): Finding[] {
  const out: Finding[] = [];
  for (const policy of policies) {
    const what = missingDocumentation(policy, accepted, policy.kind);
    if (what === undefined) continue;
    out.push({
      rule: MISSING_DESCRIPTION,
      severity: "warning",
      file: policy.source.file,
      line: policy.source.line,
      object: adminObject(policy),
      message: `${what}; it applies to every namespace it selects, and reviewers cannot tell whether the traffic it allows or denies is intended.`,
      fix: `Add a ${accepted[0]} annotation under metadata.annotations (or a comment right above the policy) saying what the policy is for and who relies on it.`,
    });
  }
  return out;
}
