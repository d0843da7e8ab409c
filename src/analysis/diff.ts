import type { IpFamily } from "../model/cidr.js";
import { type Endpoint, hasSelfPair, isPodEndpoint } from "../model/endpoint.js";
import { PortSet } from "../model/port-set.js";
import type { ManifestTree } from "../model/tree.js";
import { adminNetworkBlocks } from "./admin/compile-admin.js";
import { analyseTree, type ClusterAnalysis, type EndpointClass } from "./cluster.js";
import { ipBlockPeers, ipBoundaries } from "./endpoints.js";
import { ConnectivityOracle } from "./evaluate.js";
import { policyContentKey } from "./policy-content.js";
import { byPair, type Connection } from "./reach.js";

/**
 * Every source in `src` to every destination in `dst` changed by exactly `ports`; an endpoint in
 * both lists is a pair with itself only when it has a self-pair (`hasSelfPair`).
 * The diff finds changes a rectangle at a time; a change that opens a million pairs is a few
 * blocks, and only the CLI's pair list ever expands them.
 */
export interface PairBlock {
  readonly src: readonly Endpoint[];
  readonly dst: readonly Endpoint[];
  readonly ports: PortSet;
}

export interface ReachDiff {
  readonly base: ClusterAnalysis;
  readonly head: ClusterAnalysis;
  /** Union of both sides' endpoints (head's version when both have it). */
  readonly endpoints: readonly Endpoint[];
  /** Allowed at head and not at base; `ports` holds only the newly allowed part. */
  readonly openedBlocks: readonly PairBlock[];
  /** Allowed at base and not at head; `ports` holds only the part no longer allowed. */
  readonly closedBlocks: readonly PairBlock[];
  /** The opened blocks as sorted pairs (expanded on first use). */
  readonly opened: readonly Connection[];
  readonly closed: readonly Connection[];
  /** Ids of endpoints that exist on one side only. */
  readonly added: ReadonlySet<string>;
  readonly removed: ReadonlySet<string>;
}

interface Side {
  readonly analysis: ClusterAnalysis;
  readonly oracle: ConnectivityOracle;
  readonly indexById: Map<string, number>;
}

interface ClassPair {
  readonly base: number;
  readonly head: number;
  readonly members: string[];
  readonly changed: string[];
  readonly unchanged: string[];
}

/**
 * What a change does to reachability, without evaluating every pair of both trees. A pair's
 * connectivity depends only on the two endpoints' pods and namespaces and on the policies that
 * select them, so only pairs with a "changed" endpoint (one whose labels, namespace labels,
 * ports or selecting policies differ, or that exists on one side only) can differ. Endpoints
 * are grouped by their (base class, head class) pair, and each pair of groups is evaluated once.
 */
export function diffReachability(baseTree: ManifestTree, headTree: ManifestTree): ReachDiff {
  const { base, head } = analyseBoth(baseTree, headTree);

  const endpointById = new Map<string, Endpoint>();
  for (const e of base.analysis.endpoints) endpointById.set(e.id, e);
  for (const e of head.analysis.endpoints) endpointById.set(e.id, e);

  const baseKeys = behaviourKeys(base.analysis);
  const headKeys = behaviourKeys(head.analysis);
  const groups = new Map<string, ClassPair>();
  const added = new Set<string>();
  const removed = new Set<string>();
  for (const id of endpointById.keys()) {
    const b = base.indexById.get(id);
    const h = head.indexById.get(id);
    if (b === undefined) added.add(id);
    if (h === undefined) removed.add(id);
    const baseClass = b === undefined ? -1 : (base.analysis.classOf[b] as number);
    const headClass = h === undefined ? -1 : (head.analysis.classOf[h] as number);
    const changed = b === undefined || h === undefined || baseKeys[b] !== headKeys[h];
    const groupKey = `${baseClass}|${headClass}`;
    let group = groups.get(groupKey);
    if (!group) {
      group = { base: baseClass, head: headClass, members: [], changed: [], unchanged: [] };
      groups.set(groupKey, group);
    }
    group.members.push(id);
    (changed ? group.changed : group.unchanged).push(id);
  }

  const openedBlocks: PairBlock[] = [];
  const closedBlocks: PairBlock[] = [];
  const endpoints = (ids: readonly string[]) => ids.map((id) => endpointById.get(id) as Endpoint);
  const record = (
    srcIds: readonly string[],
    dstIds: readonly string[],
    before: PortSet,
    after: PortSet,
  ): void => {
    if (before.equals(after) || srcIds.length === 0 || dstIds.length === 0) return;
    const src = endpoints(srcIds);
    const dst = endpoints(dstIds);
    if (src.length === 1 && dst.length === 1 && src[0] === dst[0] && !hasSelfPair(src[0] as Endpoint)) return;
    const gained = after.subtract(before);
    const lost = before.subtract(after);
    if (!gained.isEmpty()) openedBlocks.push({ src, dst, ports: gained });
    if (!lost.isEmpty()) closedBlocks.push({ src, dst, ports: lost });
  };
  const allGroups = [...groups.values()];
  for (const a of allGroups) {
    if (a.changed.length === 0) continue;
    for (const b of allGroups) {
      record(a.changed, b.members, connection(base, a.base, b.base), connection(head, a.head, b.head));
      record(b.unchanged, a.changed, connection(base, b.base, a.base), connection(head, b.head, a.head));
    }
  }
  let opened: Connection[] | undefined;
  let closed: Connection[] | undefined;
  return {
    base: base.analysis,
    head: head.analysis,
    endpoints: [...endpointById.values()],
    openedBlocks,
    closedBlocks,
    get opened() {
      opened ??= expandBlocks(openedBlocks);
      return opened;
    },
    get closed() {
      closed ??= expandBlocks(closedBlocks);
      return closed;
    },
    added,
    removed,
  };
}

/** The pairs of the blocks, sorted by source then destination (self-pairs as `hasSelfPair` says). */
export function expandBlocks(blocks: readonly PairBlock[]): Connection[] {
  const pairs: Connection[] = [];
  for (const { src, dst, ports } of blocks) {
    for (const s of src)
      for (const d of dst) if (s !== d || hasSelfPair(s)) pairs.push({ src: s, dst: d, ports });
  }
  return pairs.sort(byPair);
}

/** How many pairs the blocks stand for. */
export function countPairs(blocks: readonly PairBlock[]): number {
  let count = 0;
  for (const { src, dst } of blocks) {
    const dstIds = new Set(dst.map((e) => e.id));
    count += src.length * dst.length - src.filter((e) => dstIds.has(e.id) && !hasSelfPair(e)).length;
  }
  return count;
}

/**
 * Both trees analysed so that they line up: external ranges cut at both trees' boundaries, and
 * the same stand-ins on both sides. A stand-in exists where its selector matches no workload; if
 * the change adds or removes the only matching workloads, the stand-in would appear on one side
 * only and every pair through it would look opened or closed, so both sides get it.
 */
function analyseBoth(baseTree: ManifestTree, headTree: ManifestTree): { base: Side; head: Side } {
  const baseOptions = { ipBoundaries: treeIpBoundaries(headTree) };
  const headOptions = { ipBoundaries: treeIpBoundaries(baseTree) };
  let base = analyseTree(baseTree, baseOptions);
  let head = analyseTree(headTree, headOptions);
  const baseIds = standInIds(base);
  const headIds = standInIds(head);
  const standIns = [...base.standIns, ...head.standIns];
  // Only a side that lacks some of the other side's stand-ins is analysed again.
  if ([...headIds].some((id) => !baseIds.has(id))) base = analyseTree(baseTree, { ...baseOptions, standIns });
  if ([...baseIds].some((id) => !headIds.has(id))) head = analyseTree(headTree, { ...headOptions, standIns });
  return { base: side(base), head: side(head) };
}

function standInIds(analysis: ClusterAnalysis): Set<string> {
  return new Set(analysis.endpoints.filter((e) => e.kind === "Pods").map((e) => e.id));
}

function side(analysis: ClusterAnalysis): Side {
  return {
    analysis,
    oracle: new ConnectivityOracle(analysis),
    indexById: new Map(analysis.endpoints.map((e, i) => [e.id, i])),
  };
}

function connection(s: Side, src: number, dst: number): PortSet {
  return src < 0 || dst < 0 ? PortSet.EMPTY : s.oracle.between(src, dst);
}

/**
 * Per endpoint, a string that changes whenever anything its connectivity depends on changes:
 * its pods' labels and ports, its namespace's labels, and the content of the policies that
 * select it (NetworkPolicies and admin policies alike).
 */
function behaviourKeys(analysis: ClusterAnalysis): string[] {
  const policyKeys = analysis.policies.map((p) => policyContentKey(p.policy));
  const adminKeys = analysis.admin.policies.map((p) => policyContentKey(p.policy));
  const classKeys = analysis.classes.map((c: EndpointClass) =>
    JSON.stringify([
      c.selectedBy.ingress.map((p) => policyKeys[p.index]),
      c.selectedBy.egress.map((p) => policyKeys[p.index]),
      analysis.admin.policies.filter((p) => c.matchers.has(p.subject.id)).map((p) => adminKeys[p.index]),
    ]),
  );
  return analysis.endpoints.map((e, i) => {
    const policies = classKeys[analysis.classOf[i] as number];
    if (!isPodEndpoint(e)) return `${e.id}|${policies}`;
    return JSON.stringify([
      e.namespace,
      analysis.namespaces.get(e.namespace),
      e.podLabels,
      e.ports,
      policies,
    ]);
  });
}

function treeIpBoundaries(tree: ManifestTree): Map<IpFamily, bigint[]> {
  return ipBoundaries([...ipBlockPeers(tree.policies), ...adminNetworkBlocks(tree.adminPolicies)]);
}
