import { type AdminPolicy, adminPolicyName, compareAdminPrecedence } from "../../model/admin-policy.js";
import type { Finding } from "../../model/finding.js";
import { DIRECTIONS } from "../../model/network-policy.js";
import { adminObject } from "./describe.js";
import { selectorsCanOverlap } from "./selector-overlap.js";

export const ADMIN_PRIORITY_CONFLICT = "admin-priority-conflict";

/**
 * Two policies of one tier with the same priority whose subjects can overlap and which both have
 * rules for a common direction: the API leaves their order undefined ("the implementation can
 * apply any of the matching policies"), so the same manifests may behave differently from one
 * cluster to the next. The same holds for the BaselineAdminNetworkPolicy (no priority) next to an
 * overlapping Baseline-tier ClusterNetworkPolicy. Reported once per pair, on the policy written
 * later; the message says which order this analysis assumes (`compareAdminPrecedence`).
 */
export function adminPriorityConflicts(policies: readonly AdminPolicy[]): Finding[] {
  const out: Finding[] = [];
  policies.forEach((b, j) => {
    for (const a of policies.slice(0, j)) {
      if (a.tier !== b.tier) continue;
      // The BaselineAdminNetworkPolicy has no priority, and no API orders it against Baseline-tier
      // ClusterNetworkPolicies: that pair is as undefined as an equal priority.
      const banpPair = (a.priority === undefined) !== (b.priority === undefined);
      if (!banpPair && (a.priority === undefined || a.priority !== b.priority)) continue;
      if (!subjectsCanOverlap(a, b)) continue;
      const shared = DIRECTIONS.filter((d) => a[d].length > 0 && b[d].length > 0);
      if (shared.length === 0) continue;
      const [first, second] = compareAdminPrecedence(a, b) <= 0 ? [a, b] : [b, a];
      const both = `${adminPolicyName(a)} and ${adminPolicyName(b)}`;
      const tier =
        a.kind === "AdminNetworkPolicy" && b.kind === "AdminNetworkPolicy" ? "" : ` in the ${a.tier} tier`;
      const same = banpPair
        ? `${both} are both in the Baseline tier, where no API orders a BaselineAdminNetworkPolicy against ClusterNetworkPolicies`
        : `${both} both have priority ${a.priority}${tier}`;
      const order = banpPair
        ? "the BaselineAdminNetworkPolicy after every Baseline-tier ClusterNetworkPolicy"
        : "equal priorities are ordered by kind, then name";
      out.push({
        rule: ADMIN_PRIORITY_CONFLICT,
        severity: "warning",
        file: b.source.file,
        line: b.source.line,
        object: adminObject(b),
        message:
          `${same}, can select the same pods and both have ${shared.join(" and ")} rules: the order between ` +
          `them is undefined, so a cluster may apply either one first. This analysis evaluates ` +
          `${adminPolicyName(first)} before ${adminPolicyName(second)} (${order}).`,
        fix: banpPair
          ? "Express the baseline in one kind: move the BaselineAdminNetworkPolicy's rules into Baseline-tier ClusterNetworkPolicies, or the reverse."
          : "Give one of the two policies a different priority, so that the order is the one you mean.",
      });
    }
  });
  return out;
}

function subjectsCanOverlap(a: AdminPolicy, b: AdminPolicy): boolean {
  return (
    selectorsCanOverlap(a.subject.namespaceSelector, b.subject.namespaceSelector) &&
    selectorsCanOverlap(a.subject.podSelector, b.subject.podSelector)
  );
}
