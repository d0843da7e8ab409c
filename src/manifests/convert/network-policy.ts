import {
  DIRECTIONS,
  type Direction,
  type NetworkPolicy,
  type PolicyPeer,
  type PolicyPort,
  type PolicyRule,
} from "../../model/network-policy.js";
import { MATCH_ALL } from "../../model/selector.js";
import type { NetworkPolicyManifest, PeerManifest, PolicyPortManifest } from "../schemas/network-policy.js";
import { namespaceOrDefault } from "./default-namespace.js";
import { type ObjectLocation, withLeadingComment } from "./object-location.js";

const AS_WRITTEN = { ingress: "Ingress", egress: "Egress" } as const;

export function convertNetworkPolicy(manifest: NetworkPolicyManifest, at: ObjectLocation): NetworkPolicy {
  const { metadata, spec } = manifest;
  const ingress = (spec.ingress ?? []).map((rule, index) =>
    convertRule(at, "ingress", index, rule.from, rule.ports),
  );
  const egress = (spec.egress ?? []).map((rule, index) =>
    convertRule(at, "egress", index, rule.to, rule.ports),
  );
  const declared = new Set(spec.policyTypes ?? []);
  // Kubernetes defaults an empty list exactly like a missing one.
  const policyTypesDeclared = declared.size > 0;
  const policyTypes: Direction[] = policyTypesDeclared
    ? DIRECTIONS.filter((direction) => declared.has(AS_WRITTEN[direction]))
    : egress.length > 0
      ? ["ingress", "egress"]
      : ["ingress"];
  return {
    namespace: namespaceOrDefault(metadata.namespace),
    name: metadata.name,
    annotations: metadata.annotations ?? {},
    ...withLeadingComment(at),
    podSelector: spec.podSelector ?? MATCH_ALL,
    policyTypes,
    policyTypesDeclared,
    ingress,
    egress,
    source: at.source(),
  };
}

function convertRule(
  at: ObjectLocation,
  direction: Direction,
  index: number,
  peers: readonly PeerManifest[] | null | undefined,
  ports: readonly PolicyPortManifest[] | null | undefined,
): PolicyRule {
  const path = ["spec", direction, index];
  const peersKey = direction === "ingress" ? "from" : "to";
  return {
    index,
    peers: peers?.length ? peers.map((peer, i) => convertPeer(peer, at.line([...path, peersKey, i]))) : null,
    ports: ports?.length ? ports.map((port, i) => convertPort(port, at.line([...path, "ports", i]))) : null,
    line: at.line(path),
  };
}

function convertPeer(peer: PeerManifest, line: number): PolicyPeer {
  if (peer.ipBlock != null) {
    return { type: "ipBlock", cidr: peer.ipBlock.cidr, except: peer.ipBlock.except ?? [], line };
  }
  return {
    type: "pods",
    // A selector written as `{}` matches everything; one that is absent narrows nothing: keep them apart.
    ...(peer.podSelector == null ? {} : { podSelector: peer.podSelector }),
    ...(peer.namespaceSelector == null ? {} : { namespaceSelector: peer.namespaceSelector }),
    line,
  };
}

function convertPort(entry: PolicyPortManifest, line: number): PolicyPort {
  return {
    protocol: entry.protocol ?? "TCP",
    ...(entry.port == null ? {} : { port: entry.port }),
    ...(entry.endPort == null ? {} : { endPort: entry.endPort }),
    line,
  };
}
