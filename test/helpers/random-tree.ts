import type {
  AdminAction,
  AdminPeer,
  AdminPolicy,
  AdminPort,
  AdminRule,
  AdminSubject,
  AdminTier,
} from "../../src/model/admin-policy.js";
import type { Cidr } from "../../src/model/cidr.js";
import type { LabelSelector, Labels, SelectorOperator } from "../../src/model/labels.js";
import type {
  Direction,
  NetworkPolicy,
  PolicyPeer,
  PolicyPort,
  PolicyRule,
} from "../../src/model/network-policy.js";
import type { Protocol } from "../../src/model/protocol.js";
import { MATCH_ALL, makeSelector } from "../../src/model/selector.js";
import type { ManifestTree } from "../../src/model/tree.js";
import type { ContainerPort, Workload, WorkloadKind } from "../../src/model/workload.js";

/** mulberry32: a tiny seeded PRNG so that every random tree can be reproduced from its seed. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NAMESPACES = ["a", "b", "c"];
const LABEL_VALUES: Record<string, string[]> = {
  app: ["web", "api", "db"],
  tier: ["fe", "be"],
  team: ["x", "y"],
};
/** Pods (one pod: no self-pair) among controllers (their pods talk to each other). */
const WORKLOAD_KIND_CYCLE: readonly WorkloadKind[] = ["Deployment", "StatefulSet", "Pod", "DaemonSet"];
const PORT_NAMES = ["http", "metrics", "dns"];
const PROTOCOLS: Protocol[] = ["TCP", "UDP", "SCTP"];
const CIDRS: [string, number, bigint, bigint][] = [
  ["10.0.0.0/8", 4, 0x0a000000n, 0x0affffffn],
  ["10.1.0.0/16", 4, 0x0a010000n, 0x0a01ffffn],
  ["0.0.0.0/0", 4, 0n, 0xffffffffn],
  ["192.168.0.0/16", 4, 0xc0a80000n, 0xc0a8ffffn],
  ["2001:db8::/32", 6, 0x20010db8n << 96n, ((0x20010db8n + 1n) << 96n) - 1n],
];

/** A small random tree of workloads, namespaces and policies, built directly as model objects. */
export function randomTree(
  seed: number,
  options: { workloadNames?: string[]; admin?: boolean } = {},
): ManifestTree {
  const rnd = prng(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)] as T;
  const chance = (p: number) => rnd() < p;
  const source = { file: "random.yaml", line: 1 };

  const randomLabels = (keys: string[]): Labels => {
    const labels: Record<string, string> = {};
    for (const key of keys) if (chance(0.6)) labels[key] = pick(LABEL_VALUES[key] as string[]);
    return labels;
  };
  const randomSelector = (keys: string[]) => {
    if (chance(0.3)) return makeSelector({}, []);
    const key = pick(keys);
    const operator: SelectorOperator = pick(["In", "In", "NotIn", "Exists", "DoesNotExist"]);
    const values = operator === "In" || operator === "NotIn" ? [pick(LABEL_VALUES[key] as string[])] : [];
    return makeSelector(undefined, [{ key, operator, values }]);
  };
  const cidr = (): Cidr => {
    const [text, family, start, end] = pick(CIDRS);
    return { text, family: family as 4 | 6, start, end };
  };
  const randomPeer = (): PolicyPeer => {
    if (chance(0.2)) {
      const block = cidr();
      const inner = CIDRS.filter(
        ([, f, s, e]) =>
          f === block.family && s >= block.start && e <= block.end && (s > block.start || e < block.end),
      );
      const except = inner.length > 0 && chance(0.5) ? [pick(inner)] : [];
      return {
        type: "ipBlock",
        cidr: block,
        except: except.map(([text, family, start, end]) => ({ text, family: family as 4 | 6, start, end })),
        line: 1,
      };
    }
    return {
      type: "pods",
      line: 1,
      ...(chance(0.7) && { podSelector: randomSelector(["app", "tier"]) }),
      ...(chance(0.5) && { namespaceSelector: randomSelector(["team"]) }),
    };
  };
  const randomPort = (): PolicyPort => {
    const protocol = pick(PROTOCOLS);
    const roll = rnd();
    if (roll < 0.2) return { protocol, line: 1 };
    if (roll < 0.5) return { protocol, port: pick(PORT_NAMES), line: 1 };
    const port = 1 + Math.floor(rnd() * 100);
    return chance(0.3)
      ? { protocol, port, endPort: port + Math.floor(rnd() * 50), line: 1 }
      : { protocol, port, line: 1 };
  };
  const randomRules = (): PolicyRule[] =>
    Array.from({ length: Math.floor(rnd() * 3) }, (_, index) => ({
      index,
      line: 1,
      peers: chance(0.2) ? null : Array.from({ length: 1 + Math.floor(rnd() * 2) }, randomPeer),
      ports: chance(0.3) ? null : Array.from({ length: 1 + Math.floor(rnd() * 2) }, randomPort),
    }));

  const names = options.workloadNames ?? ["w1", "w2", "w3", "w4", "w5", "w6"];
  // Kinds by position (not drawn), so that a seed's tree is the same as before kinds varied.
  const workloads: Workload[] = names.map((name, i) => ({
    kind: WORKLOAD_KIND_CYCLE[i % WORKLOAD_KIND_CYCLE.length] as WorkloadKind,
    namespace: pick(NAMESPACES),
    name,
    podLabels: randomLabels(["app", "tier"]),
    ports: PORT_NAMES.filter(() => chance(0.5)).map(
      (n): ContainerPort => ({ name: n, port: 1 + Math.floor(rnd() * 100), protocol: pick(PROTOCOLS) }),
    ),
    source,
  }));
  const namespaces = NAMESPACES.map((name) => ({ name, labels: randomLabels(["team"]), source }));
  const policies: NetworkPolicy[] = Array.from({ length: 1 + Math.floor(rnd() * 4) }, (_, i) => {
    const types: Direction[] = pick([["ingress"], ["egress"], ["ingress", "egress"]] as Direction[][]);
    return {
      namespace: pick(NAMESPACES),
      name: `p${i}`,
      annotations: {},
      podSelector: randomSelector(["app", "tier"]),
      policyTypes: types,
      policyTypesDeclared: true,
      ingress: randomRules(),
      egress: randomRules(),
      source,
    };
  });
  // Drawn last, so that the rest of a seed's tree is the same as before admin policies existed.
  const adminPolicies = options.admin === false ? [] : randomAdminPolicies(rnd, randomSelector, cidr);
  return {
    workloads,
    policies,
    adminPolicies,
    namespaces,
    services: [],
    diagnostics: [],
    skipped: {},
    files: [],
  };
}

/**
 * 0-3 AdminNetworkPolicies, BaselineAdminNetworkPolicy `default` and ClusterNetworkPolicies of
 * both tiers. Priorities come from a small set, so that ties (undefined by the API, broken by
 * kind and name here) are common.
 */
function randomAdminPolicies(
  rnd: () => number,
  randomSelector: (keys: string[]) => LabelSelector,
  cidr: () => Cidr,
): AdminPolicy[] {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)] as T;
  const chance = (p: number) => rnd() < p;
  const source = { file: "random.yaml", line: 1 };
  const subject = (): AdminSubject =>
    chance(0.4)
      ? { type: "namespaces", namespaceSelector: randomSelector(["team"]), podSelector: MATCH_ALL, line: 1 }
      : {
          type: "pods",
          namespaceSelector: randomSelector(["team"]),
          podSelector: randomSelector(["app", "tier"]),
          line: 1,
        };
  const peer = (direction: Direction): AdminPeer => {
    const roll = rnd();
    if (direction === "egress" && roll < 0.15) {
      return { type: "networks", cidrs: Array.from({ length: 1 + Math.floor(rnd() * 2) }, cidr), line: 1 };
    }
    if (direction === "egress" && roll < 0.2) return { type: "nodes", nodeSelector: MATCH_ALL, line: 1 };
    if (roll < 0.5) {
      return {
        type: "namespaces",
        namespaceSelector: randomSelector(["team"]),
        podSelector: MATCH_ALL,
        line: 1,
      };
    }
    return {
      type: "pods",
      namespaceSelector: randomSelector(["team"]),
      podSelector: randomSelector(["app", "tier"]),
      line: 1,
    };
  };
  const port = (): AdminPort => {
    const protocol = pick(PROTOCOLS);
    const roll = rnd();
    if (roll < 0.3) return { type: "named", name: pick(PORT_NAMES), line: 1 };
    const start = 1 + Math.floor(rnd() * 100);
    return roll < 0.6
      ? { type: "range", protocol, start, end: start + Math.floor(rnd() * 50), line: 1 }
      : { type: "number", protocol, port: start, line: 1 };
  };
  const rules = (direction: Direction, actions: readonly AdminAction[]): AdminRule[] =>
    Array.from({ length: Math.floor(rnd() * 4) }, (_, index) => {
      const action = pick(actions);
      return {
        index,
        name: `r${index}`,
        action,
        actionAsWritten: action,
        peers: Array.from({ length: 1 + Math.floor(rnd() * 2) }, () => peer(direction)),
        ports: chance(0.3) ? null : Array.from({ length: 1 + Math.floor(rnd() * 2) }, port),
        line: 1,
      };
    });
  const policies: AdminPolicy[] = [];
  const count = Math.floor(rnd() * 4);
  for (let i = 0; i < count; i++) {
    const kind = pick([
      "AdminNetworkPolicy",
      "AdminNetworkPolicy",
      "BaselineAdminNetworkPolicy",
      "ClusterNetworkPolicy",
    ] as const);
    if (kind === "BaselineAdminNetworkPolicy" && policies.some((p) => p.kind === kind)) continue;
    const tier: AdminTier =
      kind === "AdminNetworkPolicy"
        ? "Admin"
        : kind === "BaselineAdminNetworkPolicy"
          ? "Baseline"
          : pick(["Admin", "Baseline"]);
    const actions: AdminAction[] =
      tier === "Admin" || kind === "ClusterNetworkPolicy" ? ["Allow", "Deny", "Pass"] : ["Allow", "Deny"];
    policies.push({
      kind,
      apiVersion:
        kind === "ClusterNetworkPolicy"
          ? "policy.networking.k8s.io/v1alpha2"
          : "policy.networking.k8s.io/v1alpha1",
      name: kind === "BaselineAdminNetworkPolicy" ? "default" : `a${i}`,
      annotations: {},
      tier,
      ...(kind === "BaselineAdminNetworkPolicy" ? {} : { priority: pick([1, 2, 3]) }),
      subject: subject(),
      ingress: rules("ingress", actions),
      egress: rules("egress", actions),
      source,
    });
  }
  return policies;
}
