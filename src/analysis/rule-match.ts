import { PortSet } from "../model/port-set.js";
import type { EndpointClass } from "./cluster.js";
import type { CompiledRule } from "./compile.js";

/** What `ruleAdmitsPeer` reads: a NetworkPolicy rule, or an admin rule (which has no "every peer" form). */
type PeerRule = Pick<CompiledRule, "podMatchers" | "ipBlocks"> & { readonly allPeers?: boolean };

/** Whether a rule's peers include `peer`: pods through matchers, addresses through ipBlocks (or `networks`). */
export function ruleAdmitsPeer(rule: PeerRule, peer: EndpointClass): boolean {
  if (rule.allPeers) return true;
  if (peer.external) return rule.ipBlocks.some((b) => peer.ipBlocks.has(b.id));
  return rule.podMatchers.some((m) => peer.matchers.has(m.id));
}

/** The ports a rule allows towards `destination`: named ports resolve on the destination pod. */
export function rulePortsAt(rule: Pick<CompiledRule, "ports">, destination: EndpointClass): PortSet {
  const { ports } = rule;
  if (ports.all || ports.named.length === 0 || destination.external) return ports.numeric;
  let set = ports.numeric;
  for (const named of ports.named) {
    const port = destination.namedPorts.get(`${named.name}/${named.protocol}`);
    if (port !== undefined) set = set.union(PortSet.port(named.protocol, port));
  }
  return set;
}
