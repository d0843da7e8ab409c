import {
  type AdminPolicy,
  type AdminPort,
  type AdminRule,
  type AdminTier,
  compareAdminPrecedence,
} from "../../model/admin-policy.js";
import { DIRECTIONS, type Direction, type IpBlockPeer } from "../../model/network-policy.js";
import { PortSet } from "../../model/port-set.js";
import { PROTOCOLS } from "../../model/protocol.js";
import type { EndpointClass } from "../cluster.js";
import type { CompiledPorts, IpBlockMatcher, NamedPort } from "../compile.js";
import type { MatcherRegistry, PeerMatcher } from "../peer-matcher.js";

export interface CompiledAdminRule {
  readonly direction: Direction;
  readonly rule: AdminRule;
  /** `namespaces` and `pods` peers. */
  readonly podMatchers: readonly PeerMatcher[];
  /** One per CIDR of the `networks` peers (egress only); they cut the external address space like ipBlocks. */
  readonly ipBlocks: readonly IpBlockMatcher[];
  readonly ports: CompiledPorts;
}

export interface CompiledAdminPolicy {
  /** Position in `ManifestTree.adminPolicies`. */
  readonly index: number;
  readonly policy: AdminPolicy;
  readonly subject: PeerMatcher;
  readonly rules: Readonly<Record<Direction, readonly CompiledAdminRule[]>>;
}

/** The admin policies of a tree, compiled against the same matchers and ipBlocks as its NetworkPolicies. */
export interface AdminAnalysis {
  /** In tree order (`index`). */
  readonly policies: readonly CompiledAdminPolicy[];
  /** Per tier, in evaluation order (`compareAdminPrecedence`). */
  readonly tiers: Readonly<Record<AdminTier, readonly CompiledAdminPolicy[]>>;
}

/**
 * Registers every subject and pod peer as a matcher of `registry`, so that endpoint classes
 * separate the pods admin policies tell apart, and appends every `networks` CIDR to `ipBlocks`
 * (ids continue the list), so that external ranges are cut at their boundaries.
 */
export function compileAdminPolicies(
  policies: readonly AdminPolicy[],
  registry: MatcherRegistry,
  ipBlocks: IpBlockMatcher[],
): AdminAnalysis {
  const compiled = policies.map((policy, index): CompiledAdminPolicy => {
    const compileDirection = (direction: Direction): CompiledAdminRule[] =>
      policy[direction].map((rule) => {
        const podMatchers: PeerMatcher[] = [];
        const blocks: IpBlockMatcher[] = [];
        for (const peer of rule.peers) {
          if (peer.type === "namespaces" || peer.type === "pods") {
            podMatchers.push(registry.forSelectors(peer.namespaceSelector, peer.podSelector));
          } else if (peer.type === "networks") {
            for (const cidr of peer.cidrs) {
              const block: IpBlockMatcher = {
                id: ipBlocks.length,
                peer: { type: "ipBlock", cidr, except: [], line: peer.line },
              };
              ipBlocks.push(block);
              blocks.push(block);
            }
          }
          // `nodes` and `domainNames` match nothing here: lint's unanalysable-peer says so.
        }
        return { direction, rule, podMatchers, ipBlocks: blocks, ports: compileAdminPorts(rule.ports) };
      });
    return {
      index,
      policy,
      subject: registry.forSelectors(policy.subject.namespaceSelector, policy.subject.podSelector),
      rules: { ingress: compileDirection("ingress"), egress: compileDirection("egress") },
    };
  });
  const tier = (t: AdminTier) =>
    compiled.filter((p) => p.policy.tier === t).sort((a, b) => compareAdminPrecedence(a.policy, b.policy));
  return { policies: compiled, tiers: { Admin: tier("Admin"), Baseline: tier("Baseline") } };
}

/**
 * A named port of these APIs has no protocol: it stands for the destination container port of
 * that name, whatever its protocol, so it is looked up under all three.
 */
export function compileAdminPorts(ports: readonly AdminPort[] | null): CompiledPorts {
  if (ports === null) return { all: true, numeric: PortSet.ALL, named: [] };
  let numeric = PortSet.EMPTY;
  const named: NamedPort[] = [];
  for (const p of ports) {
    if (p.type === "named") for (const protocol of PROTOCOLS) named.push({ name: p.name, protocol });
    else if (p.type === "number") numeric = numeric.union(PortSet.port(p.protocol, p.port));
    else numeric = numeric.union(PortSet.range(p.protocol, p.start, p.end));
  }
  return { all: false, numeric, named };
}

const selectingMemo = new WeakMap<AdminAnalysis, Map<string, readonly CompiledAdminPolicy[]>>();

/** The admin policies of `tier` whose subject selects `cls`, in evaluation order (memoised per class). */
export function selectingAdminPolicies(
  admin: AdminAnalysis,
  tier: AdminTier,
  cls: EndpointClass,
): readonly CompiledAdminPolicy[] {
  if (cls.external || admin.tiers[tier].length === 0) return [];
  const compute = () => admin.tiers[tier].filter((p) => cls.matchers.has(p.subject.id));
  // Classes made up outside the analysis (index -1) are not memoised.
  if (cls.index < 0) return compute();
  let memo = selectingMemo.get(admin);
  if (!memo) {
    memo = new Map();
    selectingMemo.set(admin, memo);
  }
  const key = `${tier}|${cls.index}`;
  let list = memo.get(key);
  if (!list) {
    list = compute();
    memo.set(key, list);
  }
  return list;
}

/** Every pod peer matcher of the admin rules: those that select no workload get a stand-in endpoint. */
export function adminPeerMatchers(admin: AdminAnalysis): PeerMatcher[] {
  const seen = new Map<number, PeerMatcher>();
  for (const p of admin.policies) {
    for (const direction of DIRECTIONS) {
      for (const rule of p.rules[direction]) for (const m of rule.podMatchers) seen.set(m.id, m);
    }
  }
  return [...seen.values()];
}

/** `name/protocol` keys of the named ports the admin rules use, for the endpoint classes. */
export function adminNamedPortKeys(admin: AdminAnalysis): string[] {
  const keys = new Set<string>();
  for (const p of admin.policies) {
    for (const direction of DIRECTIONS) {
      for (const rule of p.rules[direction]) {
        for (const named of rule.ports.named) keys.add(`${named.name}/${named.protocol}`);
      }
    }
  }
  return [...keys];
}

/** The `networks` CIDRs of admin policies as ipBlocks, to refine another tree's external ranges by. */
export function* adminNetworkBlocks(policies: readonly AdminPolicy[]): Generator<IpBlockPeer> {
  for (const policy of policies) {
    for (const rule of policy.egress) {
      for (const peer of rule.peers) {
        if (peer.type !== "networks") continue;
        for (const cidr of peer.cidrs) yield { type: "ipBlock", cidr, except: [], line: peer.line };
      }
    }
  }
}
