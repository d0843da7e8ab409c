import type {
  Direction,
  IpBlockPeer,
  NetworkPolicy,
  PolicyPort,
  PolicyRule,
} from "../model/network-policy.js";
import { PortSet } from "../model/port-set.js";
import type { Protocol } from "../model/protocol.js";
import type { MatcherRegistry, PeerMatcher } from "./peer-matcher.js";

export interface NamedPort {
  readonly name: string;
  readonly protocol: Protocol;
}

/** A rule's `ports`, split into what is known statically and what depends on the destination pod. */
export interface CompiledPorts {
  /** Missing or empty `ports`: every port and protocol. */
  readonly all: boolean;
  readonly numeric: PortSet;
  /** Resolved against the destination pod's container ports of the same name and protocol. */
  readonly named: readonly NamedPort[];
}

export interface IpBlockMatcher {
  readonly id: number;
  readonly peer: IpBlockPeer;
}

export interface CompiledRule {
  readonly direction: Direction;
  readonly rule: PolicyRule;
  /** Missing or empty `from`/`to`: every peer, pods and addresses alike. */
  readonly allPeers: boolean;
  readonly podMatchers: readonly PeerMatcher[];
  readonly ipBlocks: readonly IpBlockMatcher[];
  readonly ports: CompiledPorts;
}

export interface CompiledPolicy {
  readonly index: number;
  readonly policy: NetworkPolicy;
  readonly subject: PeerMatcher;
  /** Only the directions the policy isolates; rules of other directions are ignored, as in Kubernetes. */
  readonly rules: Partial<Record<Direction, readonly CompiledRule[]>>;
}

export function compilePolicies(
  policies: readonly NetworkPolicy[],
  registry: MatcherRegistry,
): { policies: CompiledPolicy[]; ipBlocks: IpBlockMatcher[] } {
  const ipBlocks: IpBlockMatcher[] = [];
  const compiled = policies.map((policy, index): CompiledPolicy => {
    const rules: Partial<Record<Direction, CompiledRule[]>> = {};
    for (const direction of policy.policyTypes) {
      rules[direction] = policy[direction].map((rule) => {
        const podMatchers: PeerMatcher[] = [];
        const blocks: IpBlockMatcher[] = [];
        for (const peer of rule.peers ?? []) {
          if (peer.type === "pods") podMatchers.push(registry.forPeer(policy, peer));
          else {
            const block = { id: ipBlocks.length, peer };
            ipBlocks.push(block);
            blocks.push(block);
          }
        }
        return {
          direction,
          rule,
          allPeers: rule.peers === null,
          podMatchers,
          ipBlocks: blocks,
          ports: compilePorts(rule.ports),
        };
      });
    }
    return { index, policy, subject: registry.forPolicySubject(policy), rules };
  });
  return { policies: compiled, ipBlocks };
}

function compilePorts(ports: readonly PolicyPort[] | null): CompiledPorts {
  if (ports === null) return { all: true, numeric: PortSet.ALL, named: [] };
  let numeric = PortSet.EMPTY;
  const named: NamedPort[] = [];
  for (const p of ports) {
    if (typeof p.port === "string") named.push({ name: p.port, protocol: p.protocol });
    else if (p.port === undefined) numeric = numeric.union(PortSet.protocol(p.protocol));
    else numeric = numeric.union(PortSet.range(p.protocol, p.port, p.endPort ?? p.port));
  }
  return { all: false, numeric, named };
}
