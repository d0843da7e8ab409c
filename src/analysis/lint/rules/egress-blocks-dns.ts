import { isPodEndpoint } from "../../../model/endpoint.js";
import type { Finding } from "../../../model/finding.js";
import type { Labels } from "../../../model/labels.js";
import type { NetworkPolicy } from "../../../model/network-policy.js";
import { PortSet } from "../../../model/port-set.js";
import { describeSelector, isMatchAll } from "../../../model/selector.js";
import type { EndpointClass } from "../../cluster.js";
import type { CompiledPolicy } from "../../compile.js";
import { effectiveAllows } from "../../evaluate.js";
import { representativeLabels } from "../../representative.js";
import type { LintContext } from "../context.js";
import { capitalise, listNames, policyObject } from "../describe.js";
import { finding, type LintRule } from "../rule.js";

const ID = "egress-blocks-dns";
const UDP_53 = PortSet.port("UDP", 53);
const TCP_53 = PortSet.port("TCP", 53);

/** The cluster DNS as kubeadm, EKS, GKE and AKS deploy it: the kube-dns Service's pods. */
const KUBE_DNS_NAMESPACE = "kube-system";
const KUBE_DNS_LABELS: Labels = { "k8s-app": "kube-dns" };
/** CoreDNS's container ports, as its upstream Deployment names them. */
const KUBE_DNS_PORTS: ReadonlyMap<string, number> = new Map([
  ["dns/UDP", 53],
  ["dns-tcp/TCP", 53],
]);
const KUBE_DNS = "kube-dns (pods with k8s-app=kube-dns in namespace kube-system)";

/** What a class of pods may not send to kube-dns; `elsewhere`: UDP 53 does go to some address range. */
interface Blocked {
  readonly udp: boolean;
  readonly tcp: boolean;
  readonly elsewhere: boolean;
}

/**
 * Pods isolated for egress may send only what some egress rule allows; without DNS to the
 * cluster's resolver they cannot resolve names, which breaks nearly every workload in ways that
 * look like anything but a policy. Judged with the engine, as the reachability the review
 * diffs: what each class of pods may send (every tier walked, `effectiveAllows`) to some
 * kube-dns endpoint — the tree's, the cluster context's or a stand-in's pods labelled
 * k8s-app=kube-dns in kube-system, and always a kube-dns pod with just that label and CoreDNS's
 * named ports — must hold UDP 53 (a warning without it) and TCP 53 (a notice when only it is
 * missing: large answers and some resolvers use TCP). DNS allowed only to address ranges
 * (ipBlock) does not reach kube-dns's pods, but may be a node-local DNS cache or an outside
 * resolver: a notice, since that cannot be decided from the manifests.
 *
 * Each affected class is reported once, on the broadest policy that isolates it (a
 * `podSelector: {}` policy first, then by namespace/name), listing the workloads affected. A
 * policy in a namespace with no workload in the repository is checked on a hypothetical pod
 * carrying just the labels its podSelector requires. kube-dns's own pods are not judged.
 */
export const egressBlocksDns: LintRule = {
  id: ID,
  defaultSeverity: "warning",
  summary: "Pods isolated for egress may not send DNS (port 53, UDP and TCP) to kube-dns.",
  check: (context: LintContext): Finding[] => {
    const { analysis } = context;
    const targets = dnsTargets(context);
    const externals = analysis.classes.filter((cls) => cls.external);
    const blockedOf = (cls: EndpointClass): Blocked | undefined => {
      let allowed = PortSet.EMPTY;
      for (const target of targets) allowed = allowed.union(effectiveAllows(analysis, "egress", cls, target));
      const udp = !allowed.contains(UDP_53);
      const tcp = !allowed.contains(TCP_53);
      if (!udp && !tcp) return undefined;
      const elsewhere =
        udp && externals.some((ext) => effectiveAllows(analysis, "egress", cls, ext).contains(UDP_53));
      return { udp, tcp, elsewhere };
    };

    // One finding per carrier policy and kind of blockage.
    const byCarrier = new Map<string, { carrier: CompiledPolicy; names: string[]; blocked: Blocked }>();
    for (const cls of analysis.classes) {
      if (cls.external || cls.selectedBy.egress.length === 0) continue;
      const workloads = context.workloadsOf(cls).filter((w) => !isKubeDns(w.namespace, w.podLabels));
      if (workloads.length === 0) continue;
      const blocked = blockedOf(cls);
      if (!blocked) continue;
      const carrier = broadest(cls.selectedBy.egress);
      const key = `${carrier.index}|${blocked.udp}|${blocked.tcp}|${blocked.elsewhere}`;
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
      if (!labels || isKubeDns(policy.namespace, labels)) continue;
      const cls = context.syntheticPodClass(
        policy.namespace,
        context.engineNamespaceLabels(policy.namespace),
        labels,
      );
      const blocked = blockedOf(cls);
      if (!blocked) continue;
      const pods = isMatchAll(policy.podSelector)
        ? `every pod of namespace ${policy.namespace}`
        : `pods with ${describeSelector(policy.podSelector)} in namespace ${policy.namespace}`;
      out.push(report(policy, `the pods this policy isolates for egress (${pods})`, blocked));
    }
    return out;
  },
};

function isKubeDns(namespace: string, labels: Labels): boolean {
  return namespace === KUBE_DNS_NAMESPACE && labels["k8s-app"] === KUBE_DNS_LABELS["k8s-app"];
}

/** Every kube-dns endpoint class: the tree's (workloads, context, stand-ins) and a typical kube-dns pod. */
function dnsTargets(context: LintContext): EndpointClass[] {
  const { analysis } = context;
  const out = analysis.classes.filter(
    (cls) =>
      !cls.external &&
      cls.members.some((i) => {
        const endpoint = analysis.endpoints[i];
        return (
          endpoint !== undefined &&
          isPodEndpoint(endpoint) &&
          endpoint.namespaceKnown &&
          isKubeDns(endpoint.namespace, endpoint.podLabels)
        );
      }),
  );
  out.push(
    context.syntheticPodClass(
      KUBE_DNS_NAMESPACE,
      context.engineNamespaceLabels(KUBE_DNS_NAMESPACE),
      KUBE_DNS_LABELS,
      KUBE_DNS_PORTS,
    ),
  );
  return out;
}

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
  if (blocked.elsewhere) {
    return finding(
      ID,
      "notice",
      policy.source,
      object,
      `${capitalise(pods)} may send DNS queries on UDP port 53 only to address ranges (ipBlock), not to ${KUBE_DNS}; that works only if they resolve names through a node-local DNS cache or a resolver at those addresses.`,
      `If the pods use the cluster DNS, ${fix.charAt(0).toLowerCase()}${fix.slice(1)}`,
    );
  }
  if (blocked.udp) {
    const which = blocked.tcp ? "UDP or TCP port 53" : "UDP port 53";
    return finding(
      ID,
      "warning",
      policy.source,
      object,
      `No egress rule lets ${pods} send DNS queries on ${which} to ${KUBE_DNS}, so they cannot resolve names (service names included).`,
      fix,
    );
  }
  return finding(
    ID,
    "notice",
    policy.source,
    object,
    `${capitalise(pods)} may send DNS queries to ${KUBE_DNS} on UDP port 53 but not on TCP port 53; answers too large for UDP, and resolvers that use TCP, will fail.`,
    fix,
  );
}
