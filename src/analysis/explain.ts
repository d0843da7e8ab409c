import { type Endpoint, hasSelfPair, isPodEndpoint } from "../model/endpoint.js";
import { type Direction, ruleName } from "../model/network-policy.js";
import { PortSet } from "../model/port-set.js";
import type { Protocol } from "../model/protocol.js";
import type { ManifestTree } from "../model/tree.js";
import { explainTierWalk } from "./admin/explain-tiers.js";
import { analyseTree, type ClusterAnalysis, type EndpointClass } from "./cluster.js";
import { findEndpoint } from "./find-endpoint.js";
import { withContext } from "./review/context.js";
import type { DirectionExplanation, FlowExplanation, Reason, ReviewOptions } from "./review/types.js";
import { ruleAdmitsPeer, rulePortsAt } from "./rule-match.js";

export interface FlowQuery {
  /** `ns/name`, an endpoint id, or an IP address / CIDR for the outside world. */
  readonly from: string;
  readonly to: string;
  readonly port?: { readonly port: number; readonly protocol: Protocol };
}

/** Explains one flow in one tree; an unknown or ambiguous endpoint is an error value, not an exception. */
export function explainFlow(
  tree: ManifestTree,
  query: FlowQuery,
  options: ReviewOptions = {},
): FlowExplanation | { error: string } {
  return explainFlowIn(analyseTree(withContext(tree, options.context)), query);
}

export function explainFlowIn(
  analysis: ClusterAnalysis,
  query: FlowQuery,
): FlowExplanation | { error: string } {
  const from = findEndpoint(analysis, query.from);
  if ("error" in from) return from;
  const to = findEndpoint(analysis, query.to);
  if ("error" in to) return to;
  const endpoint = analysis.endpoints[from.index] as Endpoint;
  if (from.index === to.index && isPodEndpoint(endpoint) && !hasSelfPair(endpoint)) {
    // Kubernetes' concept page: "a pod cannot block access to itself".
    return {
      error: `${endpoint.id} is one pod, and a pod cannot block access to itself: no policy decides this flow`,
    };
  }
  const restrict = query.port ? PortSet.port(query.port.protocol, query.port.port) : PortSet.ALL;
  return explainPair(analysis, from.index, to.index, restrict);
}

/** The verdict on `src` → `dst` (endpoint indexes) restricted to `restrict`, with every deciding policy and rule. */
export function explainPair(
  analysis: ClusterAnalysis,
  src: number,
  dst: number,
  restrict: PortSet,
): FlowExplanation {
  const srcEndpoint = analysis.endpoints[src] as Endpoint;
  const dstEndpoint = analysis.endpoints[dst] as Endpoint;
  const srcClass = analysis.classes[analysis.classOf[src] as number] as EndpointClass;
  const dstClass = analysis.classes[analysis.classOf[dst] as number] as EndpointClass;
  const egress = explainWithTiers(analysis, "egress", srcClass, dstClass, dstEndpoint, restrict);
  const ingress = explainWithTiers(analysis, "ingress", dstClass, srcClass, srcEndpoint, restrict);
  const bothExternal = srcClass.external && dstClass.external;
  return {
    from: srcEndpoint.id,
    to: dstEndpoint.id,
    allowed: bothExternal ? PortSet.EMPTY : egress.allowed.intersect(ingress.allowed),
    egress,
    ingress,
  };
}

/**
 * With admin policies, the tier walk in order (Admin, NetworkPolicy, Baseline, default), with
 * the NetworkPolicy step spelled out policy by policy; without them, the NetworkPolicy answer.
 */
function explainWithTiers(
  analysis: ClusterAnalysis,
  direction: Direction,
  subject: EndpointClass,
  peerClass: EndpointClass,
  peer: Endpoint,
  restrict: PortSet,
): DirectionExplanation {
  const networkPolicies = explainDirection(direction, subject, peerClass, peer, restrict);
  if (analysis.admin.policies.length === 0 || subject.external) return networkPolicies;
  const walk = explainTierWalk(analysis, direction, subject, peerClass, restrict);
  const reasons: Reason[] = [];
  let networkPolicyShown = false;
  const showNetworkPolicies = (note = "") => {
    if (networkPolicyShown) return;
    networkPolicyShown = true;
    reasons.push(
      ...networkPolicies.reasons.map((r) => ({
        ...r,
        tier: "NetworkPolicy" as const,
        detail: `${r.detail}${note}`,
      })),
    );
  };
  for (const step of walk.reasons) {
    if (step.tier === "NetworkPolicy") {
      showNetworkPolicies();
      continue;
    }
    if (step.tier !== "Admin") showNetworkPolicies();
    const { tier, policy, rule, file, line, ports, detail } = step;
    const effect =
      step.effect === "default-allows" ? "not-isolated" : step.effect === "decides" ? "allows" : step.effect;
    reasons.push({ direction, effect, tier, policy, rule, file, line, ports, detail });
  }
  // The Admin tier decided all of it: the NetworkPolicies that select the pod are still named.
  if (networkPolicies.isolated)
    showNetworkPolicies(" (not reached: the Admin tier decided all of this traffic)");
  return { direction, isolated: networkPolicies.isolated, allowed: walk.allowed, reasons };
}

/**
 * One direction of a flow, as Kubernetes decides it: not isolated (no policy selects the pod
 * for this direction), or isolated by the selecting policies, each of which either allows some
 * of the flow through specific rules or admits none of it, for a reason we can name.
 */
export function explainDirection(
  direction: Direction,
  subject: EndpointClass,
  peerClass: EndpointClass,
  peer: Endpoint,
  restrict: PortSet,
): DirectionExplanation {
  const notIsolated = (detail: string): DirectionExplanation => ({
    direction,
    isolated: false,
    allowed: restrict,
    reasons: [
      { direction, effect: "not-isolated", policy: null, rule: null, file: null, line: null, detail },
    ],
  });
  if (subject.external) return notIsolated("addresses outside the cluster are not subject to NetworkPolicy");
  const selecting = subject.selectedBy[direction];
  if (selecting.length === 0) return notIsolated(`no NetworkPolicy selects these pods for ${direction}`);

  const destination = direction === "egress" ? peerClass : subject;
  const reasons: Reason[] = [];
  let allowed = PortSet.EMPTY;
  for (const compiled of selecting) {
    const { policy } = compiled;
    const name = `NetworkPolicy ${policy.namespace}/${policy.name}`;
    const rules = compiled.rules[direction] ?? [];
    let peerMatchedRule: number | null = null;
    let allowedHere = false;
    for (const rule of rules) {
      if (!ruleAdmitsPeer(rule, peerClass)) continue;
      peerMatchedRule ??= rule.rule.index;
      const ports = rulePortsAt(rule, destination).intersect(restrict);
      if (ports.isEmpty()) continue;
      allowedHere = true;
      allowed = allowed.union(ports);
      reasons.push({
        direction,
        effect: "allows",
        policy: name,
        rule: rule.rule.index,
        file: policy.source.file,
        line: rule.rule.line,
        ports,
        detail: `${ruleName(direction, rule.rule.index)} admits ${peer.label} on ${ports}`,
      });
    }
    if (allowedHere) continue;
    const detail =
      rules.length === 0
        ? `selects these pods and has no ${direction} rules, so it allows nothing`
        : peerMatchedRule !== null
          ? `${ruleName(direction, peerMatchedRule)} admits ${peer.label}, but not on these ports`
          : `no ${direction} rule admits ${peer.label}`;
    reasons.push({
      direction,
      effect: "isolates",
      policy: name,
      rule: peerMatchedRule,
      file: policy.source.file,
      line:
        peerMatchedRule === null
          ? policy.source.line
          : (policy[direction][peerMatchedRule]?.line ?? policy.source.line),
      detail,
    });
  }
  return { direction, isolated: true, allowed, reasons };
}
