import type { Finding } from "../../../model/finding.js";
import type { NetworkPolicy } from "../../../model/network-policy.js";
import { PortSet } from "../../../model/port-set.js";
import { describeSelector, isMatchAll } from "../../../model/selector.js";
import type { EndpointClass } from "../../cluster.js";
import type { CompiledPolicy, CompiledRule } from "../../compile.js";
import { effectiveAllows } from "../../evaluate.js";
import { representativeLabels } from "../../representative.js";
import { rulePortsAt } from "../../rule-match.js";
import type { LintContext } from "../context.js";
import { capitalise, listNames, policyObject } from "../describe.js";
import { finding, type LintRule } from "../rule.js";

const ID = "egress-blocks-dns";
const UDP_53 = PortSet.port("UDP", 53);
const TCP_53 = PortSet.port("TCP", 53);

interface Blocked {
  readonly udp: boolean;
  readonly tcp: boolean;
}

/**
 * Pods isolated for egress may send only what some egress rule allows; without port 53 to
 * anything they cannot resolve names, which breaks nearly every workload in ways that look
 * like anything but a policy. Evaluated with the engine, per class of pods: the egress allowed
 * towards every endpoint (pods, stand-ins, address ranges), i.e. the union over every peer of
 * `directionAllows("egress", class, peer)`, computed rule by rule, is checked for UDP 53
 * (a warning when missing) and TCP 53 (a notice when only it is missing: large answers and
 * some resolvers use TCP). When the tree holds admin or baseline policies, every tier is walked
 * (`effectiveAllows`), so DNS an AdminNetworkPolicy allows counts.
 *
 * Each affected class is reported once, on the broadest policy that isolates it (a
 * `podSelector: {}` policy first, then by namespace/name), listing the workloads affected. A
 * policy in a namespace with no workload in the repository is checked on a hypothetical pod
 * carrying just the labels its podSelector requires.
 */
export const egressBlocksDns: LintRule = {
  id: ID,
  defaultSeverity: "warning",
  summary: "Pods isolated for egress may not send DNS (port 53, UDP and TCP) anywhere.",
  check: (context: LintContext): Finding[] => {
    const { analysis } = context;
    // What an egress rule allows towards any endpoint at all does not depend on the sender.
    const reach = new Map<CompiledRule, PortSet>();
    const ruleReach = (rule: CompiledRule): PortSet => {
      let allowed = reach.get(rule);
      if (allowed === undefined) {
        const peers = context.peerClasses(rule);
        allowed = PortSet.EMPTY;
        if (peers.length > 0 && rule.ports.named.length === 0) allowed = rule.ports.numeric;
        else for (const peer of peers) allowed = allowed.union(rulePortsAt(rule, peer));
        reach.set(rule, allowed);
      }
      return allowed;
    };
    const hasAdminTiers = analysis.admin.policies.length > 0;
    const blockedOf = (cls: EndpointClass): Blocked => {
      let allowed = PortSet.EMPTY;
      if (hasAdminTiers) {
        // Admin and baseline policies may allow (or deny) DNS around the NetworkPolicies: walk every tier.
        for (const peer of analysis.classes) {
          allowed = allowed.union(effectiveAllows(analysis, "egress", cls, peer));
          if (allowed.contains(UDP_53) && allowed.contains(TCP_53)) break;
        }
      } else {
        // The union over every peer of directionAllows("egress", cls, peer), rule by rule.
        for (const policy of cls.selectedBy.egress) {
          for (const rule of policy.rules.egress ?? []) allowed = allowed.union(ruleReach(rule));
        }
      }
      return { udp: !allowed.contains(UDP_53), tcp: !allowed.contains(TCP_53) };
    };

    // One finding per carrier policy and kind of blockage (no DNS at all, or no TCP 53).
    const byCarrier = new Map<string, { carrier: CompiledPolicy; names: string[]; blocked: Blocked }>();
    for (const cls of analysis.classes) {
      if (cls.external || cls.selectedBy.egress.length === 0) continue;
      const workloads = context.workloadsOf(cls);
      if (workloads.length === 0) continue;
      const blocked = blockedOf(cls);
      if (!blocked.udp && !blocked.tcp) continue;
      const carrier = broadest(cls.selectedBy.egress);
      const key = `${carrier.index}|${blocked.udp}|${blocked.tcp}`;
      const entry = byCarrier.get(key) ?? { carrier, names: [], blocked };
      entry.names.push(...workloads.map((w) => `${w.kind} ${w.namespace}/${w.name}`));
      byCarrier.set(key, entry);
    }

    const out: Finding[] = [];
    for (const { carrier, names, blocked } of byCarrier.values()) {
      out.push(
        report(carrier.policy, `the pods this policy isolates for egress (${listNames(names)})`, blocked),
      );
    }

    // Namespaces the repository holds policies for but no workloads: judge a hypothetical pod.
    for (const compiled of analysis.policies) {
      const { policy } = compiled;
      if (!compiled.rules.egress || context.podsIn(policy.namespace).length > 0) continue;
      const labels = representativeLabels(policy.podSelector);
      if (!labels) continue;
      const cls = context.syntheticPodClass(
        policy.namespace,
        context.engineNamespaceLabels(policy.namespace),
        labels,
      );
      const blocked = blockedOf(cls);
      if (!blocked.udp && !blocked.tcp) continue;
      const pods = isMatchAll(policy.podSelector)
        ? `every pod of namespace ${policy.namespace}`
        : `pods with ${describeSelector(policy.podSelector)} in namespace ${policy.namespace}`;
      out.push(report(policy, `the pods this policy isolates for egress (${pods})`, blocked));
    }
    return out;
  },
};

function broadest(policies: readonly CompiledPolicy[]): CompiledPolicy {
  const rank = (p: CompiledPolicy): string =>
    `${isMatchAll(p.policy.podSelector) ? 0 : 1}\u0000${p.policy.namespace}\u0000${p.policy.name}`;
  return [...policies].sort((a, b) =>
    rank(a) < rank(b) ? -1 : rank(a) > rank(b) ? 1 : 0,
  )[0] as CompiledPolicy;
}

function report(policy: NetworkPolicy, pods: string, blocked: Blocked): Finding {
  const object = policyObject(policy);
  const fix =
    "Allow egress to the cluster DNS on UDP and TCP port 53, e.g. a policy with podSelector: {}, policyTypes: [Egress] and one rule to namespaceSelector kubernetes.io/metadata.name: kube-system with podSelector k8s-app: kube-dns on ports 53/UDP and 53/TCP.";
  if (blocked.udp) {
    const which = blocked.tcp ? "UDP or TCP port 53" : "UDP port 53";
    return finding(
      ID,
      "warning",
      policy.source,
      object,
      `No egress rule lets ${pods} send DNS queries on ${which} to any destination, so they cannot resolve names (service names included).`,
      fix,
    );
  }
  return finding(
    ID,
    "notice",
    policy.source,
    object,
    `${capitalise(pods)} may send DNS queries on UDP port 53 but not on TCP port 53 to any destination; answers too large for UDP, and resolvers that use TCP, will fail.`,
    fix,
  );
}
