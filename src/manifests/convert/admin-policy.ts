import type {
  AdminAction,
  AdminPeer,
  AdminPolicy,
  AdminPolicyKind,
  AdminPort,
  AdminRule,
  AdminSubject,
  AdminTier,
} from "../../model/admin-policy.js";
import type { Finding } from "../../model/finding.js";
import type { LabelSelector } from "../../model/labels.js";
import type { Direction } from "../../model/network-policy.js";
import type { Protocol } from "../../model/protocol.js";
import { MATCH_ALL } from "../../model/selector.js";
import { invalidManifest, objectName } from "../invalid-manifest.js";
import { quote } from "../quote.js";
import type {
  AdminEgressPeerManifest,
  AdminIngressPeerManifest,
  AdminNetworkPolicyManifest,
  AdminSubjectManifest,
  AnpPortManifest,
  BaselineAdminNetworkPolicyManifest,
  ClusterNetworkPolicyManifest,
  CnpProtocolManifest,
} from "../schemas/admin-policy.js";
import type { FieldPath } from "../source-positions.js";
import { type ObjectLocation, withLeadingComment } from "./object-location.js";

export interface ConvertedAdminPolicy {
  readonly policy: AdminPolicy;
  /** Things the loader read in a defined way but the user should know about. */
  readonly warnings: readonly Finding[];
}

type Manifest =
  | { readonly kind: "AdminNetworkPolicy"; readonly manifest: AdminNetworkPolicyManifest }
  | { readonly kind: "BaselineAdminNetworkPolicy"; readonly manifest: BaselineAdminNetworkPolicyManifest }
  | { readonly kind: "ClusterNetworkPolicy"; readonly manifest: ClusterNetworkPolicyManifest };

interface RawRule {
  readonly name?: string | null | undefined;
  readonly action: string;
  readonly peers: readonly (AdminIngressPeerManifest | AdminEgressPeerManifest)[];
  readonly ports: (at: ObjectLocation, path: FieldPath) => AdminPort[] | null;
}

export function convertAdminPolicy(
  input: Manifest,
  apiVersion: string,
  at: ObjectLocation,
): ConvertedAdminPolicy {
  const { kind } = input;
  const { metadata } = input.manifest;
  const warnings: Finding[] = [];
  const context: Context = { at, kind, apiVersion, name: metadata.name, warnings };

  let tier: AdminTier;
  let priority: number | undefined;
  let ingress: RawRule[];
  let egress: RawRule[];
  if (input.kind === "ClusterNetworkPolicy") {
    const { spec } = input.manifest;
    tier = spec.tier;
    priority = spec.priority;
    const ports = (protocols: readonly CnpProtocolManifest[] | null | undefined) => cnpPorts(protocols);
    ingress = (spec.ingress ?? []).map((r) => ({ ...r, peers: r.from, ports: ports(r.protocols) }));
    egress = (spec.egress ?? []).map((r) => ({ ...r, peers: r.to, ports: ports(r.protocols) }));
  } else {
    const { spec } = input.manifest;
    tier = input.kind === "AdminNetworkPolicy" ? "Admin" : "Baseline";
    priority = input.kind === "AdminNetworkPolicy" ? input.manifest.spec.priority : undefined;
    const ports = (list: readonly AnpPortManifest[] | null | undefined) => anpPorts(list);
    ingress = (spec.ingress ?? []).map((r) => ({ ...r, peers: r.from, ports: ports(r.ports) }));
    egress = (spec.egress ?? []).map((r) => ({ ...r, peers: r.to, ports: ports(r.ports) }));
  }

  const policy: AdminPolicy = {
    kind,
    apiVersion,
    name: metadata.name,
    annotations: metadata.annotations ?? {},
    ...withLeadingComment(at),
    tier,
    ...(priority === undefined ? {} : { priority }),
    subject: convertSubject(input.manifest.spec.subject, context),
    ingress: ingress.map((rule, index) => convertRule(rule, "ingress", index, context)),
    egress: egress.map((rule, index) => convertRule(rule, "egress", index, context)),
    source: at.source(),
  };
  return { policy, warnings };
}

interface Context {
  readonly at: ObjectLocation;
  readonly kind: AdminPolicyKind;
  readonly apiVersion: string;
  readonly name: string;
  readonly warnings: Finding[];
}

function convertSubject(subject: AdminSubjectManifest, context: Context): AdminSubject {
  const path = ["spec", "subject"];
  const line = context.at.line(path);
  if (subject.namespaces != null) {
    return { type: "namespaces", namespaceSelector: subject.namespaces, podSelector: MATCH_ALL, line };
  }
  const pods = subject.pods as NonNullable<AdminSubjectManifest["pods"]>;
  return { type: "pods", ...namespacedPod(pods, [...path, "pods"], context), line };
}

/**
 * `pods.podSelector` is required by every version, `pods.namespaceSelector` by v1alpha1 only
 * (v1alpha2 reads a missing one as `{}`). netpol-analyzer reads a missing selector as `{}`; so
 * does this loader, with a warning where the API server would refuse the object.
 */
function namespacedPod(
  pods: { readonly namespaceSelector?: LabelSelector | null; readonly podSelector?: LabelSelector | null },
  path: FieldPath,
  context: Context,
): { namespaceSelector: LabelSelector; podSelector: LabelSelector } {
  const missing = (field: string, meaning: string): void => {
    context.warnings.push(
      invalidManifest(
        context.at.file,
        context.at.line(path),
        `${formatPath(path)}.${field} is missing: ${context.kind} ${context.apiVersion} requires it, so the API server would refuse this object; read as {} (${meaning})`,
        objectName(context.kind, undefined, context.name),
        "warning",
      ),
    );
  };
  if (pods.namespaceSelector == null && context.kind !== "ClusterNetworkPolicy") {
    missing("namespaceSelector", "every namespace");
  }
  if (pods.podSelector == null) missing("podSelector", "every pod");
  return {
    namespaceSelector: pods.namespaceSelector ?? MATCH_ALL,
    podSelector: pods.podSelector ?? MATCH_ALL,
  };
}

/** `spec.ingress[0].from[1].pods`, as zod-issues writes paths. */
function formatPath(path: FieldPath): string {
  return path.map((s, i) => (typeof s === "number" ? `[${s}]` : i === 0 ? s : `.${s}`)).join("");
}

const ACTIONS: Readonly<Record<string, AdminAction>> = {
  Allow: "Allow",
  Accept: "Allow",
  Deny: "Deny",
  Pass: "Pass",
};

function convertRule(rule: RawRule, direction: Direction, index: number, context: Context): AdminRule {
  const { at } = context;
  const path = ["spec", direction, index];
  const peersKey = direction === "ingress" ? "from" : "to";
  const peers = rule.peers.map((peer, i) => convertPeer(peer, [...path, peersKey, i], context));
  const ports = rule.ports(at, path);
  const withoutPods = peers.find((p) => p.type !== "namespaces" && p.type !== "pods");
  if (withoutPods) {
    // The experimental CRD refuses this combination; the standard one accepts it.
    for (const port of ports ?? []) {
      if (port.type !== "named") continue;
      context.warnings.push(
        invalidManifest(
          at.file,
          port.line,
          `named port ${quote(port.name)} matches pods only, never the ${withoutPods.type} peer of this rule (which has no named ports)`,
          objectName(context.kind, undefined, context.name),
          "warning",
        ),
      );
    }
  }
  return {
    index,
    ...(rule.name ? { name: rule.name } : {}),
    action: ACTIONS[rule.action] as AdminAction,
    actionAsWritten: rule.action,
    peers,
    ports,
    line: at.line(path),
  };
}

function convertPeer(
  peer: AdminIngressPeerManifest | AdminEgressPeerManifest,
  path: FieldPath,
  context: Context,
): AdminPeer {
  const line = context.at.line(path);
  if (peer.namespaces != null) {
    return { type: "namespaces", namespaceSelector: peer.namespaces, podSelector: MATCH_ALL, line };
  }
  if (peer.pods != null)
    return { type: "pods", ...namespacedPod(peer.pods, [...path, "pods"], context), line };
  // The schema lets only egress peers past with one of these.
  const egress = peer as AdminEgressPeerManifest;
  if (egress.networks != null) return { type: "networks", cidrs: egress.networks, line };
  if (egress.nodes != null) return { type: "nodes", nodeSelector: egress.nodes, line };
  return { type: "domainNames", domainNames: egress.domainNames ?? [], line };
}

function anpPorts(list: readonly AnpPortManifest[] | null | undefined) {
  return (at: ObjectLocation, rulePath: FieldPath): AdminPort[] | null => {
    if (list == null) return null;
    return list.map((entry, i): AdminPort => {
      const line = at.line([...rulePath, "ports", i]);
      if (entry.portNumber != null) {
        return {
          type: "number",
          protocol: entry.portNumber.protocol ?? "TCP",
          port: entry.portNumber.port,
          line,
        };
      }
      if (entry.portRange != null) {
        const { protocol, start, end } = entry.portRange;
        return { type: "range", protocol: protocol ?? "TCP", start, end, line };
      }
      return { type: "named", name: entry.namedPort as string, line };
    });
  };
}

const CNP_PROTOCOLS = [
  ["tcp", "TCP"],
  ["udp", "UDP"],
  ["sctp", "SCTP"],
] as const satisfies readonly (readonly [keyof CnpProtocolManifest, Protocol])[];

function cnpPorts(list: readonly CnpProtocolManifest[] | null | undefined) {
  return (at: ObjectLocation, rulePath: FieldPath): AdminPort[] | null => {
    if (list == null) return null;
    return list.map((entry, i): AdminPort => {
      const line = at.line([...rulePath, "protocols", i]);
      for (const [key, protocol] of CNP_PROTOCOLS) {
        const port = entry[key]?.destinationPort;
        if (port == null) continue;
        if (port.range != null)
          return { type: "range", protocol, start: port.range.start, end: port.range.end, line };
        return { type: "number", protocol, port: port.number as number, line };
      }
      return { type: "named", name: entry.destinationNamedPort as string, line };
    });
  };
}
