import type { Direction } from "../model/network-policy.js";
import { PortSet } from "../model/port-set.js";
import { walkTiers } from "./admin/tier-walk.js";
import type { ClusterAnalysis, EndpointClass } from "./cluster.js";
import { ruleAdmitsPeer, rulePortsAt } from "./rule-match.js";

/**
 * What one direction allows: for egress, what `subject` may send to `peer`; for ingress, what
 * `subject` may receive from `peer`. Not isolated: everything. Isolated: the union of the
 * matching rules of every selecting policy (Kubernetes' allow-list semantics).
 */
export function directionAllows(direction: Direction, subject: EndpointClass, peer: EndpointClass): PortSet {
  if (subject.external) return PortSet.ALL;
  const policies = subject.selectedBy[direction];
  if (policies.length === 0) return PortSet.ALL;
  const destination = direction === "egress" ? peer : subject;
  let allowed = PortSet.EMPTY;
  for (const policy of policies) {
    for (const rule of policy.rules[direction] ?? []) {
      if (ruleAdmitsPeer(rule, peer)) allowed = allowed.union(rulePortsAt(rule, destination));
      if (allowed.isAll()) return allowed;
    }
  }
  return allowed;
}

/**
 * What one direction allows once every tier has spoken: the Admin tier, NetworkPolicy
 * (`directionAllows`), the Baseline tier, then the default allow (see `walkTiers`). Without
 * admin policies this is `directionAllows`.
 */
export function effectiveAllows(
  analysis: ClusterAnalysis,
  direction: Direction,
  subject: EndpointClass,
  peer: EndpointClass,
): PortSet {
  if (analysis.admin.policies.length === 0) return directionAllows(direction, subject, peer);
  return walkTiers(analysis.admin, direction, subject, peer, () => directionAllows(direction, subject, peer));
}

/**
 * Memoised class-to-class connectivity of one analysed tree. A connection needs the source's
 * egress and the destination's ingress; traffic between two external ranges is not the
 * cluster's business and is always empty.
 */
export class ConnectivityOracle {
  private readonly memo = new Map<number, PortSet>();

  constructor(readonly analysis: ClusterAnalysis) {}

  between(src: number, dst: number): PortSet {
    const key = src * this.analysis.classes.length + dst;
    let result = this.memo.get(key);
    if (result === undefined) {
      const s = this.analysis.classes[src] as EndpointClass;
      const d = this.analysis.classes[dst] as EndpointClass;
      result =
        s.external && d.external
          ? PortSet.EMPTY
          : effectiveAllows(this.analysis, "egress", s, d).intersect(
              effectiveAllows(this.analysis, "ingress", d, s),
            );
      this.memo.set(key, result);
    }
    return result;
  }

  /** Connectivity between two endpoints (indexes into `analysis.endpoints`). */
  endpoints(src: number, dst: number): PortSet {
    return this.between(this.analysis.classOf[src] as number, this.analysis.classOf[dst] as number);
  }
}
