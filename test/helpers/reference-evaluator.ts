import type { ClusterAnalysis } from "../../src/analysis/cluster.js";
import { type Endpoint, isPodEndpoint } from "../../src/model/endpoint.js";
import { rangeWithin } from "../../src/model/ip-range.js";
import type { Direction, NetworkPolicy, PolicyRule } from "../../src/model/network-policy.js";
import { PortSet } from "../../src/model/port-set.js";
import { MATCH_ALL, selectorMatches } from "../../src/model/selector.js";

/**
 * Kubernetes NetworkPolicy semantics written as directly as possible, pair by pair, with no
 * classes, indexes or caches: the engine must agree with it on every pair.
 */
export function referenceConnection(analysis: ClusterAnalysis, src: Endpoint, dst: Endpoint): PortSet {
  if (!isPodEndpoint(src) && !isPodEndpoint(dst)) return PortSet.EMPTY;
  return allows(analysis, "egress", src, dst).intersect(allows(analysis, "ingress", dst, src));
}

function allows(analysis: ClusterAnalysis, direction: Direction, subject: Endpoint, peer: Endpoint): PortSet {
  if (!isPodEndpoint(subject)) return PortSet.ALL;
  const selecting = analysis.tree.policies.filter(
    (p) =>
      p.namespace === subject.namespace &&
      selectorMatches(p.podSelector, subject.podLabels) &&
      p.policyTypes.includes(direction),
  );
  if (selecting.length === 0) return PortSet.ALL;
  const destination = direction === "egress" ? peer : subject;
  let result = PortSet.EMPTY;
  for (const policy of selecting) {
    for (const rule of policy[direction]) {
      if (peerMatches(analysis, policy, rule, peer)) result = result.union(ports(rule, destination));
    }
  }
  return result;
}

function peerMatches(
  analysis: ClusterAnalysis,
  policy: NetworkPolicy,
  rule: PolicyRule,
  peer: Endpoint,
): boolean {
  if (rule.peers === null) return true;
  return rule.peers.some((p) => {
    if (p.type === "ipBlock") {
      return (
        !isPodEndpoint(peer) &&
        rangeWithin(peer.range, p.cidr) &&
        !p.except.some((e) => rangeWithin(peer.range, e))
      );
    }
    if (!isPodEndpoint(peer)) return false;
    const namespaceOk = p.namespaceSelector
      ? selectorMatches(p.namespaceSelector, analysis.namespaces.get(peer.namespace) ?? {})
      : peer.namespace === policy.namespace;
    return namespaceOk && selectorMatches(p.podSelector ?? MATCH_ALL, peer.podLabels);
  });
}

function ports(rule: PolicyRule, destination: Endpoint): PortSet {
  if (rule.ports === null) return PortSet.ALL;
  let result = PortSet.EMPTY;
  for (const p of rule.ports) {
    if (typeof p.port === "string") {
      if (!isPodEndpoint(destination)) continue;
      const named = destination.ports.find((c) => c.name === p.port && c.protocol === p.protocol);
      if (named) result = result.union(PortSet.port(p.protocol, named.port));
    } else if (p.port === undefined) result = result.union(PortSet.protocol(p.protocol));
    else result = result.union(PortSet.range(p.protocol, p.port, p.endPort ?? p.port));
  }
  return result;
}
