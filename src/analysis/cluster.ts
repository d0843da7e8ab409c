import type { IpFamily } from "../model/cidr.js";
import type { Endpoint, ExternalEndpoint, PodEndpoint } from "../model/endpoint.js";
import { rangeWithin } from "../model/ip-range.js";
import type { Labels } from "../model/labels.js";
import type { Direction } from "../model/network-policy.js";
import type { ManifestTree } from "../model/tree.js";
import {
  type AdminAnalysis,
  adminNamedPortKeys,
  adminPeerMatchers,
  compileAdminPolicies,
} from "./admin/compile-admin.js";
import { type CompiledPolicy, type CompiledRule, compilePolicies, type IpBlockMatcher } from "./compile.js";
import { externalEndpoints, otherPodsEndpoint, selectorEndpoints, workloadEndpoint } from "./endpoints.js";
import { matchPods } from "./match-pods.js";
import { namespaceLabels } from "./namespaces.js";
import { MatcherRegistry, type StandInSpec } from "./peer-matcher.js";

export interface AnalysisOptions {
  /** Extra cuts for the external address ranges (another tree's ipBlocks), so two trees line up. */
  readonly ipBoundaries?: ReadonlyMap<IpFamily, Iterable<bigint>>;
  /** Stand-ins to create even when their selectors match workloads here (the other tree of a diff has them). */
  readonly standIns?: readonly StandInSpec[];
}

/** Endpoints that are indistinguishable to every policy of the tree: one evaluation serves them all. */
export interface EndpointClass {
  readonly index: number;
  readonly external: boolean;
  /** Ids of the matchers (policy subjects and pod peers) that select these pods. */
  readonly matchers: ReadonlySet<number>;
  /** Ids of the ipBlocks that contain these addresses. */
  readonly ipBlocks: ReadonlySet<number>;
  /** Per direction, the policies that select these pods; empty means not isolated in that direction. */
  readonly selectedBy: Readonly<Record<Direction, readonly CompiledPolicy[]>>;
  /** Container port per `name/protocol`, for the named ports the policies use. */
  readonly namedPorts: ReadonlyMap<string, number>;
  readonly members: number[];
}

/** One tree, analysed: its endpoints, grouped into classes, over its compiled policies. */
export interface ClusterAnalysis {
  readonly tree: ManifestTree;
  readonly endpoints: readonly Endpoint[];
  readonly namespaces: ReadonlyMap<string, Labels>;
  readonly policies: readonly CompiledPolicy[];
  readonly ipBlocks: readonly IpBlockMatcher[];
  readonly classes: readonly EndpointClass[];
  /** Class index of each endpoint. */
  readonly classOf: Int32Array;
  /** AdminNetworkPolicy, BaselineAdminNetworkPolicy and ClusterNetworkPolicy, compiled. */
  readonly admin: AdminAnalysis;
  /** The selectors the stand-in endpoints were made from (policy subjects and peers that match no workload). */
  readonly standIns: readonly StandInSpec[];
}

export function analyseTree(tree: ManifestTree, options: AnalysisOptions = {}): ClusterAnalysis {
  const namespaces = namespaceLabels(tree);
  const registry = new MatcherRegistry();
  const { policies, ipBlocks } = compilePolicies(tree.policies, registry);
  const admin = compileAdminPolicies(tree.adminPolicies, registry, ipBlocks);

  const workloads = tree.workloads.map(workloadEndpoint);
  const workloadMatches = matchPods(workloads, namespaces, registry.matchers);
  const matchedSomething = new Set(workloadMatches.flat());
  const forced = (options.standIns ?? []).map((spec) => ({ spec, matcher: registry.forStandIn(spec) }));
  // Pods a policy applies to but the repository does not hold (an operator's, a remote base's):
  // subjects first, so that a stand-in that is both reads as a policy's subject.
  const subjects = new Set<number>([
    ...policies
      .map((p) => p.subject)
      .filter((m) => !matchedSomething.has(m.id))
      .map((m) => m.id),
    ...forced.filter(({ spec }) => spec.subject).map(({ matcher }) => matcher.id),
  ]);
  const unmatched = [
    ...new Map(
      [
        ...policies.map((p) => p.subject).filter((m) => subjects.has(m.id)),
        ...[...peerMatchers(policies), ...adminPeerMatchers(admin)].filter(
          (m) => !matchedSomething.has(m.id),
        ),
        ...forced.map(({ matcher }) => matcher),
      ].map((m) => [m.id, m]),
    ).values(),
  ];
  const standIns = [...selectorEndpoints(unmatched, namespaces, subjects), otherPodsEndpoint(namespaces)];
  const standInMatches = matchPods(standIns, namespaces, registry.matchers);

  const pods: PodEndpoint[] = [...workloads, ...standIns];
  const podMatches = [...workloadMatches, ...standInMatches];
  const externals = externalEndpoints(
    ipBlocks.map((b) => b.peer),
    options.ipBoundaries,
  );
  const endpoints: Endpoint[] = [...pods, ...externals];

  const { classes, classOf } = groupIntoClasses(
    pods,
    podMatches,
    externals,
    policies,
    ipBlocks,
    adminNamedPortKeys(admin),
  );
  const standInSpecs = unmatched.map(({ id, namespace, namespaceSelector, podSelector }) => ({
    podSelector,
    ...(namespace !== undefined && { namespace }),
    ...(namespaceSelector && { namespaceSelector }),
    ...(subjects.has(id) && { subject: true }),
  }));
  return { tree, endpoints, namespaces, policies, ipBlocks, classes, classOf, admin, standIns: standInSpecs };
}

function peerMatchers(policies: readonly CompiledPolicy[]) {
  const seen = new Map<number, CompiledRule["podMatchers"][number]>();
  for (const p of policies) {
    for (const rules of Object.values(p.rules)) {
      for (const rule of rules) for (const m of rule.podMatchers) seen.set(m.id, m);
    }
  }
  return [...seen.values()];
}

function groupIntoClasses(
  pods: readonly PodEndpoint[],
  podMatches: readonly number[][],
  externals: readonly ExternalEndpoint[],
  policies: readonly CompiledPolicy[],
  ipBlocks: readonly IpBlockMatcher[],
  adminNamedPorts: readonly string[],
): { classes: EndpointClass[]; classOf: Int32Array } {
  const namedPortKeys = [...new Set([...usedNamedPorts(policies), ...adminNamedPorts])];
  const policiesBySubject = new Map<number, CompiledPolicy[]>();
  for (const p of policies) {
    const list = policiesBySubject.get(p.subject.id);
    if (list) list.push(p);
    else policiesBySubject.set(p.subject.id, [p]);
  }

  const classes: EndpointClass[] = [];
  const byKey = new Map<string, EndpointClass>();
  const classOf = new Int32Array(pods.length + externals.length);
  const assign = (
    endpointIndex: number,
    key: string,
    make: () => Omit<EndpointClass, "index" | "members">,
  ) => {
    let cls = byKey.get(key);
    if (!cls) {
      cls = { ...make(), index: classes.length, members: [] };
      classes.push(cls);
      byKey.set(key, cls);
    }
    cls.members.push(endpointIndex);
    classOf[endpointIndex] = cls.index;
  };

  pods.forEach((pod, i) => {
    const matchers = podMatches[i] as number[];
    const namedPorts = new Map<string, number>();
    for (const key of namedPortKeys) {
      const [name, protocol] = key.split("/");
      const port = pod.ports.find((p) => p.name === name && p.protocol === protocol);
      if (port) namedPorts.set(key, port.port);
    }
    const key = `pod|${matchers.join(",")}|${[...namedPorts].join(",")}`;
    assign(i, key, () => {
      const selecting = matchers
        .flatMap((m) => policiesBySubject.get(m) ?? [])
        .sort((a, b) => a.index - b.index);
      return {
        external: false,
        matchers: new Set(matchers),
        ipBlocks: new Set(),
        selectedBy: {
          ingress: selecting.filter((p) => p.rules.ingress),
          egress: selecting.filter((p) => p.rules.egress),
        },
        namedPorts,
      };
    });
  });

  externals.forEach((ext, i) => {
    const inside = ipBlocks
      .filter(
        ({ peer }) =>
          rangeWithin(ext.range, peer.cidr) && !peer.except.some((e) => rangeWithin(ext.range, e)),
      )
      .map((b) => b.id);
    assign(pods.length + i, `ip|${inside.join(",")}`, () => ({
      external: true,
      matchers: new Set(),
      ipBlocks: new Set(inside),
      selectedBy: { ingress: [], egress: [] },
      namedPorts: new Map(),
    }));
  });
  return { classes, classOf };
}

function* usedNamedPorts(policies: readonly CompiledPolicy[]): Generator<string> {
  for (const p of policies) {
    for (const rules of Object.values(p.rules)) {
      for (const rule of rules) for (const named of rule.ports.named) yield `${named.name}/${named.protocol}`;
    }
  }
}
