import type { IpFamily } from "../model/cidr.js";
import type { ExternalEndpoint, PodEndpoint } from "../model/endpoint.js";
import { cidrBoundaries, describeRange, splitAddressSpace } from "../model/ip-range.js";
import type { Labels } from "../model/labels.js";
import { NAMESPACE_NAME_LABEL } from "../model/namespace.js";
import type { IpBlockPeer, NetworkPolicy } from "../model/network-policy.js";
import type { Workload } from "../model/workload.js";
import type { PeerMatcher } from "./peer-matcher.js";
import { placeRepresentative } from "./representative.js";

/** `ns/name[Kind]`: unique because the loader keeps one workload per kind, namespace and name. */
export function workloadId(workload: Workload): string {
  return `${workload.namespace}/${workload.name}[${workload.kind}]`;
}

export function workloadEndpoint(workload: Workload): PodEndpoint {
  const id = workloadId(workload);
  return {
    id,
    kind: workload.kind,
    namespace: workload.namespace,
    namespaceKnown: true,
    name: workload.name,
    label: id,
    podLabels: workload.podLabels,
    ports: workload.ports,
    workload,
  };
}

/**
 * One stand-in endpoint per distinct selector that selects no workload, so that traffic to
 * things the repository does not hold (kube-dns, an ingress controller) is still visible, and so
 * is traffic of pods a policy applies to but the repository does not hold (`subjects`: matcher
 * ids of policies' podSelectors; an operator's pods, a remote base's workloads). Namespaces the
 * stand-ins need are added to `namespaces`.
 */
export function selectorEndpoints(
  unmatched: readonly PeerMatcher[],
  namespaces: Map<string, Labels>,
  subjects: ReadonlySet<number>,
): PodEndpoint[] {
  const byId = new Map<string, PodEndpoint>();
  for (const matcher of unmatched) {
    const placement = placeRepresentative(matcher, namespaces);
    if (!placement || byId.has(placement.id)) continue;
    if (!namespaces.has(placement.namespace)) namespaces.set(placement.namespace, placement.namespaceLabels);
    byId.set(placement.id, {
      id: placement.id,
      kind: "Pods",
      namespace: placement.namespace,
      namespaceKnown: placement.namespaceKnown,
      label: subjects.has(matcher.id) ? `${placement.label}, not in the repository` : placement.label,
      podLabels: placement.podLabels,
      ports: [],
    });
  }
  return [...byId.values()];
}

const OTHER_NAMESPACE = "[other namespaces]";

/**
 * The rest of the cluster: a pod with no labels in a namespace the tree never mentions. Only
 * peers whose selectors admit such a pod (`{}`, `NotIn`, `DoesNotExist`) reach it.
 */
export function otherPodsEndpoint(namespaces: Map<string, Labels>): PodEndpoint {
  namespaces.set(OTHER_NAMESPACE, { [NAMESPACE_NAME_LABEL]: OTHER_NAMESPACE });
  return {
    id: "[other pods]",
    kind: "OtherPods",
    namespace: OTHER_NAMESPACE,
    namespaceKnown: false,
    label: "any other pod in the cluster",
    podLabels: {},
    ports: [],
  };
}

/**
 * The address space outside the cluster's pods, cut at every ipBlock and `except` boundary (plus
 * any extra boundaries, so that two trees can be compared range for range) into disjoint ranges
 * that cover all of IPv4 and IPv6.
 */
export function externalEndpoints(
  ipBlocks: readonly IpBlockPeer[],
  extraBoundaries: ReadonlyMap<IpFamily, Iterable<bigint>> = new Map(),
): ExternalEndpoint[] {
  const boundaries = ipBoundaries(ipBlocks);
  for (const [family, extra] of extraBoundaries) boundaries.get(family)?.push(...extra);
  return splitAddressSpace(boundaries).map((range) => {
    const label = describeRange(range);
    return { id: label, kind: "External", label, range };
  });
}

/** The boundaries ipBlocks put on the address space, to refine another tree's ranges by. */
export function ipBoundaries(ipBlocks: Iterable<IpBlockPeer>): Map<IpFamily, bigint[]> {
  const boundaries = new Map<IpFamily, bigint[]>([
    [4, []],
    [6, []],
  ]);
  for (const peer of ipBlocks) {
    for (const cidr of [peer.cidr, ...peer.except])
      boundaries.get(cidr.family)?.push(...cidrBoundaries(cidr));
  }
  return boundaries;
}

/** Every ipBlock in the rules the policies enforce (rules of a direction `policyTypes` leaves out do nothing). */
export function* ipBlockPeers(policies: readonly NetworkPolicy[]): Generator<IpBlockPeer> {
  for (const policy of policies) {
    for (const rule of policy.policyTypes.flatMap((direction) => policy[direction])) {
      for (const peer of rule.peers ?? []) if (peer.type === "ipBlock") yield peer;
    }
  }
}
