import type { ClusterAnalysis } from "../../src/analysis/cluster.js";
import type { AdminRule, AdminTier } from "../../src/model/admin-policy.js";
import { type Endpoint, isPodEndpoint, type PodEndpoint } from "../../src/model/endpoint.js";
import { rangeWithin } from "../../src/model/ip-range.js";
import type { LabelSelector } from "../../src/model/labels.js";
import type { Direction, NetworkPolicy, PolicyRule } from "../../src/model/network-policy.js";
import { PortSet } from "../../src/model/port-set.js";
import { MATCH_ALL, selectorMatches } from "../../src/model/selector.js";

/**
 * Kubernetes NetworkPolicy semantics, and the admin policy tiers, written as directly as possible,
 * pair by pair, with no classes, indexes or caches: the engine must agree with it on every pair.
 */
export function referenceConnection(analysis: ClusterAnalysis, src: Endpoint, dst: Endpoint): PortSet {
  if (!isPodEndpoint(src) && !isPodEndpoint(dst)) return PortSet.EMPTY;
  return allows(analysis, "egress", src, dst).intersect(allows(analysis, "ingress", dst, src));
}

/**
 * Every ordered pair of endpoints a reachability answer covers: all pairs of two different
 * endpoints, plus an endpoint with itself when it stands for pods that can be more than one
 * (every pod endpoint but a Pod: replicas of a controller, a stand-in's unknown pods). Stated
 * here on its own, not taken from the engine, so that the engine's choice is checked.
 */
export function* referencePairs(endpoints: readonly Endpoint[]): Generator<[Endpoint, Endpoint]> {
  for (const src of endpoints) {
    for (const dst of endpoints) {
      if (src !== dst || (isPodEndpoint(src) && src.kind !== "Pod")) yield [src, dst];
    }
  }
}

/**
 * The tier walk, one rule at a time: the Admin tier (policies by priority, then kind and name,
 * rules in order; the first rule matching a port decides it, Pass hands it on), NetworkPolicy
 * when it isolates the pod, the Baseline tier, then the default allow.
 */
function allows(analysis: ClusterAnalysis, direction: Direction, subject: Endpoint, peer: Endpoint): PortSet {
  if (!isPodEndpoint(subject)) return PortSet.ALL;
  const admin = analysis.tree.adminPolicies;
  if (admin.length === 0) return networkPolicyAllows(analysis, direction, subject, peer);
  const namespaceLabels = (e: PodEndpoint) => analysis.namespaces.get(e.namespace) ?? {};
  const selected = (ns: LabelSelector, pods: LabelSelector, e: PodEndpoint) =>
    selectorMatches(ns, namespaceLabels(e)) && selectorMatches(pods, e.podLabels);
  const rank = { AdminNetworkPolicy: 0, ClusterNetworkPolicy: 1, BaselineAdminNetworkPolicy: 2 };
  const tier = (t: AdminTier) =>
    admin
      .filter((p) => p.tier === t && selected(p.subject.namespaceSelector, p.subject.podSelector, subject))
      .sort(
        (a, b) =>
          (a.priority ?? 10_000) - (b.priority ?? 10_000) ||
          rank[a.kind] - rank[b.kind] ||
          (a.name < b.name ? -1 : a.name > b.name ? 1 : 0),
      );
  const destination = direction === "egress" ? peer : subject;
  const matches = (rule: AdminRule) =>
    rule.peers.some((p) => {
      if (p.type === "networks") {
        return !isPodEndpoint(peer) && p.cidrs.some((c) => rangeWithin(peer.range, c));
      }
      if (p.type === "nodes" || p.type === "domainNames") return false;
      return isPodEndpoint(peer) && selected(p.namespaceSelector, p.podSelector, peer);
    });
  /** Walks one tier over `ports`: what it allows, and what it leaves to the next tier. */
  const walk = (t: AdminTier, ports: PortSet) => {
    let undecided = ports;
    let allowed = PortSet.EMPTY;
    let next = PortSet.EMPTY;
    for (const policy of tier(t)) {
      for (const rule of policy[direction]) {
        if (!matches(rule)) continue;
        const hit = adminPorts(rule, destination).intersect(undecided);
        undecided = undecided.subtract(hit);
        if (rule.action === "Allow") allowed = allowed.union(hit);
        if (rule.action === "Pass") next = next.union(hit);
      }
    }
    return { allowed, next: next.union(undecided) };
  };
  const first = walk("Admin", PortSet.ALL);
  const isolated = analysis.tree.policies.some(
    (p) =>
      p.namespace === subject.namespace &&
      selectorMatches(p.podSelector, subject.podLabels) &&
      p.policyTypes.includes(direction),
  );
  if (isolated) {
    return first.allowed.union(first.next.intersect(networkPolicyAllows(analysis, direction, subject, peer)));
  }
  const baseline = walk("Baseline", first.next);
  // Ports the Baseline tier passes or leaves alone meet the default allow.
  return first.allowed.union(baseline.allowed).union(baseline.next);
}

function adminPorts(rule: AdminRule, destination: Endpoint): PortSet {
  if (rule.ports === null) return PortSet.ALL;
  let result = PortSet.EMPTY;
  for (const p of rule.ports) {
    if (p.type === "number") result = result.union(PortSet.port(p.protocol, p.port));
    else if (p.type === "range") result = result.union(PortSet.range(p.protocol, p.start, p.end));
    else if (isPodEndpoint(destination)) {
      const named = destination.ports.find((c) => c.name === p.name);
      if (named) result = result.union(PortSet.port(named.protocol, named.port));
    }
  }
  return result;
}

function networkPolicyAllows(
  analysis: ClusterAnalysis,
  direction: Direction,
  subject: PodEndpoint,
  peer: Endpoint,
): PortSet {
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
