import type { AdminPolicy } from "../../model/admin-policy.js";
import type { Finding } from "../../model/finding.js";
import { joinAnd } from "../lint/describe.js";
import { adminObject } from "./describe.js";

export const MISSING_DESCRIPTION = "missing-description";

/**
 * `missing-description` for the cluster-scoped kinds: a guardrail whose purpose is written
 * nowhere cannot be reviewed. An accepted key (the lint's configured keys) with an empty or
 * whitespace value counts as missing.
 */
export function adminMissingDescriptions(
  policies: readonly AdminPolicy[],
  accepted: readonly string[],
): Finding[] {
  const out: Finding[] = [];
  for (const policy of policies) {
    const present = accepted.filter((key) => Object.hasOwn(policy.annotations, key));
    if (present.some((key) => (policy.annotations[key] as string).trim() !== "")) continue;
    const what =
      present.length > 0
        ? `Its ${present[0]} annotation is empty, so nothing says why this ${policy.kind} exists`
        : `No ${joinAnd(accepted, "or")} annotation says why this ${policy.kind} exists`;
    out.push({
      rule: MISSING_DESCRIPTION,
      severity: "warning",
      file: policy.source.file,
      line: policy.source.line,
      object: adminObject(policy),
      message: `${what}; it applies to every namespace it selects, and reviewers cannot tell whether the traffic it allows or denies is intended.`,
      fix: `Add a ${accepted[0]} annotation under metadata.annotations saying what the policy is for and who relies on it.`,
    });
  }
  return out;
}
