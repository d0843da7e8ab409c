import { type AdminPolicy, adminPolicyName, adminRuleName } from "../../model/admin-policy.js";
import type { Direction } from "../../model/network-policy.js";
import type { PortSet } from "../../model/port-set.js";
import { type CompiledAdminPolicy, selectingAdminPolicies } from "../admin/compile-admin.js";
import type { ClusterAnalysis, EndpointClass } from "../cluster.js";
import { policyContentKey } from "../policy-content.js";
import { ruleAdmitsPeer, rulePortsAt } from "../rule-match.js";
import type { Cause } from "./types.js";

export interface AdminSide {
  readonly analysis: ClusterAnalysis;
  readonly classOf: (id: string) => EndpointClass | undefined;
}

const key = (p: AdminPolicy) => `${p.kind}/${p.name}`;

/**
 * Admin policies (AdminNetworkPolicy, BaselineAdminNetworkPolicy, ClusterNetworkPolicy) that
 * were added, removed or edited and whose rules decide some of the changed ports between the
 * subject and the peer, on the side where they exist (head first).
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
  const byKey = (side: AdminSide) => new Map(side.analysis.admin.policies.map((p) => [key(p.policy), p]));
  const before = byKey(base);
  const after = byKey(head);
  const causes: Cause[] = [];
  for (const [name, compiled] of new Map([...before, ...after])) {
    const then = before.get(name);
    const now = after.get(name);
    if (then && now && policyContentKey(then.policy) === policyContentKey(now.policy)) continue;
    const decided = (now && decidingRule(head, now)) ?? (then && decidingRule(base, then));
    if (!decided) continue;
    const { policy } = compiled;
    const kind = !then ? "policy-added" : !now ? "policy-removed" : "policy-changed";
    const rule = `${direction} rule ${adminRuleName(decided.rule)} (${decided.rule.action})`;
    causes.push({
      kind,
      object: adminPolicyName(policy),
      side: decided.side,
      file: decided.file,
      line: decided.rule.line,
      rule: { direction, index: decided.rule.index },
      detail:
        kind === "policy-added"
          ? `new policy; its ${rule} decides this traffic`
          : kind === "policy-removed"
            ? `policy removed; its ${rule} decided this traffic`
            : `${rule} changed and decides this traffic`,
    });
  }
  return causes;

  function decidingRule(side: AdminSide, compiled: CompiledAdminPolicy) {
    const subject = side.classOf(subjectId);
    const peer = side.classOf(peerId);
    if (!subject || !peer) return undefined;
    if (!selectingAdminPolicies(side.analysis.admin, compiled.policy.tier, subject).includes(compiled))
      return undefined;
    const destination = direction === "egress" ? peer : subject;
    const rule = compiled.rules[direction].find(
      (r) => ruleAdmitsPeer(r, peer) && !rulePortsAt(r, destination).intersect(ports).isEmpty(),
    );
    return (
      rule && {
        rule: rule.rule,
        side: side === head ? ("head" as const) : ("base" as const),
        file: compiled.policy.source.file,
      }
    );
  }
}
