import { type AdminRule, adminPolicyName, adminRuleName } from "../../model/admin-policy.js";
import type { Direction } from "../../model/network-policy.js";
import { PortSet } from "../../model/port-set.js";
import { type TierStep, walkTiers } from "../admin/tier-walk.js";
import type { ClusterAnalysis, EndpointClass } from "../cluster.js";
import type { Cause } from "./types.js";

export interface AdminSide {
  readonly analysis: ClusterAnalysis;
  readonly classOf: (id: string) => EndpointClass | undefined;
}

/**
 * Admin policies (AdminNetworkPolicy, BaselineAdminNetworkPolicy, ClusterNetworkPolicy) that
 * decide some of the changed ports in the tier walk at base or at head, and decide them
 * differently on the two sides (added, removed, or a different or edited deciding rule).
 * Rules the walk never reaches, and policies whose change is elsewhere, are not blamed.
 */
export function adminCauses(
  base: AdminSide,
  head: AdminSide,
  direction: Direction,
  subjectId: string,
  peerId: string,
  ports: PortSet,
): Cause[] {
  if (base.analysis.admin.policies.length === 0 && head.analysis.admin.policies.length === 0) return [];
  const before = decisions(base, direction, subjectId, peerId, ports);
  const after = decisions(head, direction, subjectId, peerId, ports);
  const causes: Cause[] = [];
  for (const name of new Set([...before.keys(), ...after.keys()])) {
    const then = before.get(name);
    const now = after.get(name);
    if (then && now && then.key === now.key) continue;
    const decided = (now ?? then) as Decision;
    const exists = (side: AdminSide) =>
      side.analysis.admin.policies.some((p) => adminPolicyName(p.policy) === name);
    const kind = !exists(base) ? "policy-added" : !exists(head) ? "policy-removed" : "policy-changed";
    const rule = `${direction} rule ${adminRuleName(decided.rule)} (${decided.rule.action})`;
    causes.push({
      kind,
      object: name,
      side: now ? "head" : "base",
      file: decided.file,
      line: decided.rule.line,
      rule: { direction, index: decided.rule.index },
      detail:
        kind === "policy-added"
          ? `new policy; its ${rule} decides this traffic`
          : kind === "policy-removed"
            ? `policy removed; its ${rule} decided this traffic`
            : now
              ? `${rule} now decides this traffic`
              : `${rule} no longer decides this traffic`,
    });
  }
  return causes;
}

interface Decision {
  readonly rule: AdminRule;
  readonly file: string;
  /** What the rule says and which ports it decided: equal keys mean an equal decision. */
  readonly key: string;
}

/** Per admin policy (by kind and name), the first rule of it that decided some of `ports` in the tier walk. */
function decisions(
  side: AdminSide,
  direction: Direction,
  subjectId: string,
  peerId: string,
  ports: PortSet,
): Map<string, Decision> {
  const out = new Map<string, Decision>();
  const subject = side.classOf(subjectId);
  const peer = side.classOf(peerId);
  if (!subject || !peer) return out;
  const steps: TierStep[] = [];
  walkTiers(side.analysis.admin, direction, subject, peer, () => PortSet.EMPTY, { restrict: ports, steps });
  for (const step of steps) {
    if (step.tier !== "Admin" && step.tier !== "Baseline") continue;
    const name = adminPolicyName(step.policy.policy);
    if (out.has(name)) continue;
    const { rule } = step.rule;
    out.set(name, {
      rule,
      file: step.policy.policy.source.file,
      key: JSON.stringify([rule.action, adminRuleContent(rule), step.ports.key()]),
    });
  }
  return out;
}

/** A rule's content without its position, as in `ruleContentKey`. */
function adminRuleContent(rule: AdminRule): string {
  return JSON.stringify(rule, (k, v) =>
    k === "line" || k === "index" || k === "text" ? undefined : typeof v === "bigint" ? v.toString() : v,
  );
}
