import type { Cidr } from "./cidr.js";
import type { LabelSelector } from "./labels.js";
import type { Protocol } from "./protocol.js";
import type { SourceRef } from "./source.js";

/**
 * The cluster-scoped kinds of sigs.k8s.io/network-policy-api: AdminNetworkPolicy and
 * BaselineAdminNetworkPolicy (`policy.networking.k8s.io/v1alpha1`) and their successor
 * ClusterNetworkPolicy (`v1alpha2`, same shape in `v1beta1`).
 */
export const ADMIN_POLICY_KINDS = [
  "AdminNetworkPolicy",
  "BaselineAdminNetworkPolicy",
  "ClusterNetworkPolicy",
] as const;
export type AdminPolicyKind = (typeof ADMIN_POLICY_KINDS)[number];

/** Admin is evaluated before NetworkPolicy, Baseline after it. */
export type AdminTier = "Admin" | "Baseline";

/** What a matching rule does. ClusterNetworkPolicy's `Accept` is read as `Allow` (see `actionAsWritten`). */
export type AdminAction = "Allow" | "Deny" | "Pass";

/** The pods a policy applies to: every pod of the matching namespaces, or matching pods in them. */
export interface AdminSubject {
  readonly type: "namespaces" | "pods";
  readonly namespaceSelector: LabelSelector;
  /** The empty selector for a `namespaces` subject. */
  readonly podSelector: LabelSelector;
  readonly line: number;
}

/** `namespaces` (every pod of the matching namespaces) or `pods` (matching pods in them). */
export interface AdminPodPeer {
  readonly type: "namespaces" | "pods";
  readonly namespaceSelector: LabelSelector;
  readonly podSelector: LabelSelector;
  readonly line: number;
}

/** Egress only: CIDR blocks. The spec says they match pod IPs too; statically only outside addresses are known. */
export interface AdminNetworksPeer {
  readonly type: "networks";
  readonly cidrs: readonly Cidr[];
  readonly line: number;
}

/** Egress only: node IPs, which the manifests do not name. Recognised, never matched. */
export interface AdminNodesPeer {
  readonly type: "nodes";
  readonly nodeSelector: LabelSelector;
  readonly line: number;
}

/** Egress only: DNS names, resolved at run time. Recognised, never matched. */
export interface AdminDomainNamesPeer {
  readonly type: "domainNames";
  readonly domainNames: readonly string[];
  readonly line: number;
}

export type AdminPeer = AdminPodPeer | AdminNetworksPeer | AdminNodesPeer | AdminDomainNamesPeer;

/**
 * A destination port: a number or an inclusive range of one protocol, or a container port name
 * (resolved on the destination pod, whatever its protocol: neither API gives a named port one).
 */
export type AdminPort =
  | { readonly type: "number"; readonly protocol: Protocol; readonly port: number; readonly line: number }
  | {
      readonly type: "range";
      readonly protocol: Protocol;
      readonly start: number;
      readonly end: number;
      readonly line: number;
    }
  | { readonly type: "named"; readonly name: string; readonly line: number };

export interface AdminRule {
  /** Position in the policy's `ingress` or `egress` list (0-based). */
  readonly index: number;
  /** The rule's `name`, when it has one. */
  readonly name?: string;
  readonly action: AdminAction;
  /** `Allow`, `Accept`, `Deny` or `Pass`, as the manifest says it. */
  readonly actionAsWritten: string;
  /** `from` / `to`: never empty (the API requires at least one peer). */
  readonly peers: readonly AdminPeer[];
  /** `ports` / `protocols`; `null` when absent: every port of every protocol. */
  readonly ports: readonly AdminPort[] | null;
  readonly line: number;
}

/** One AdminNetworkPolicy, BaselineAdminNetworkPolicy or ClusterNetworkPolicy as written, with positions. */
export interface AdminPolicy {
  readonly kind: AdminPolicyKind;
  readonly apiVersion: string;
  readonly name: string;
  readonly annotations: Readonly<Record<string, string>>;
  /** The YAML comment block right above the object and/or its `metadata` key (lines joined by `\n`). */
  readonly leadingComment?: string;
  readonly tier: AdminTier;
  /** 0-1000, lower first; absent for the BaselineAdminNetworkPolicy, which has none. */
  readonly priority?: number;
  readonly subject: AdminSubject;
  /** Rules in the order written, which is the order they are evaluated in. */
  readonly ingress: readonly AdminRule[];
  readonly egress: readonly AdminRule[];
  readonly source: SourceRef;
}

/** `AdminNetworkPolicy deny-all`: the policy as findings and explanations name it (cluster-scoped: no namespace). */
export function adminPolicyName(policy: Pick<AdminPolicy, "kind" | "name">): string {
  return `${policy.kind} ${policy.name}`;
}

/** `"allow-dns"` when the rule has a name, its position counted from 1 (`3`) otherwise, as `ruleName` counts. */
export function adminRuleName(rule: Pick<AdminRule, "index" | "name">): string {
  return rule.name ? `"${rule.name}"` : `${rule.index + 1}`;
}

const KIND_ORDER: Readonly<Record<AdminPolicyKind, number>> = {
  AdminNetworkPolicy: 0,
  ClusterNetworkPolicy: 1,
  // Baseline tier: every ClusterNetworkPolicy (which has a priority) comes before the BANP.
  BaselineAdminNetworkPolicy: 2,
};

/**
 * The order in which policies of one tier are evaluated: ascending priority (a policy without
 * one, the BANP, after all that have one). Equal priorities are undefined by the API; this
 * analysis breaks the tie by kind (AdminNetworkPolicy before ClusterNetworkPolicy) and then by
 * name, and lint reports the tie when the policies' subjects overlap.
 */
export function compareAdminPrecedence(a: AdminPolicy, b: AdminPolicy): number {
  const pa = a.priority ?? Number.POSITIVE_INFINITY;
  const pb = b.priority ?? Number.POSITIVE_INFINITY;
  if (pa !== pb) return pa < pb ? -1 : 1;
  const ka = KIND_ORDER[a.kind];
  const kb = KIND_ORDER[b.kind];
  if (ka !== kb) return ka - kb;
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}
