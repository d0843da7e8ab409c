import type { Cidr } from "./cidr.js";
import type { LabelSelector } from "./labels.js";
import type { Protocol } from "./protocol.js";
import type { SourceRef } from "./source.js";

export type Direction = "ingress" | "egress";
export const DIRECTIONS: readonly Direction[] = ["ingress", "egress"];

/** One entry of a rule's `ports`: a number, a named port, or a `port`..`endPort` range. */
export interface PolicyPort {
  readonly protocol: Protocol;
  /** Absent means every port of the protocol. */
  readonly port?: number | string;
  readonly endPort?: number;
  readonly line: number;
}

/** A peer that selects pods: `podSelector` alone, `namespaceSelector` alone, or both. */
export interface PodPeer {
  readonly type: "pods";
  /** Absent means every pod (of the namespaces the peer covers). */
  readonly podSelector?: LabelSelector;
  /** Absent means the policy's own namespace. */
  readonly namespaceSelector?: LabelSelector;
  readonly line: number;
}

export interface IpBlockPeer {
  readonly type: "ipBlock";
  readonly cidr: Cidr;
  readonly except: readonly Cidr[];
  readonly line: number;
}

export type PolicyPeer = PodPeer | IpBlockPeer;

export interface PolicyRule {
  /** Position in the policy's `ingress` or `egress` list. */
  readonly index: number;
  /** `from` / `to`; `null` when missing or empty, which both mean every peer. */
  readonly peers: readonly PolicyPeer[] | null;
  /** `null` when missing or empty, which both mean every port and protocol. */
  readonly ports: readonly PolicyPort[] | null;
  readonly line: number;
}

/**
 * `ingress rule 1`: how every text names a rule, counting from 1 (a `#0` would become an issue
 * link on GitHub, and readers count from 1). The JSON keeps the 0-based `index`.
 */
export function ruleName(direction: Direction, index: number): string {
  return `${direction} rule ${index + 1}`;
}

/** A networking.k8s.io/v1 NetworkPolicy as written, with positions. */
export interface NetworkPolicy {
  readonly namespace: string;
  readonly name: string;
  readonly annotations: Readonly<Record<string, string>>;
  /** The YAML comment block right above the object and/or its `metadata` key (lines joined by `\n`). */
  readonly leadingComment?: string;
  readonly podSelector: LabelSelector;
  /** The directions the policy isolates, after Kubernetes' defaulting. */
  readonly policyTypes: readonly Direction[];
  /** Whether `policyTypes` was written (lint explains the defaulting when it was not). */
  readonly policyTypesDeclared: boolean;
  /** Rules as written, including those of a direction `policyTypes` leaves out (they do nothing). */
  readonly ingress: readonly PolicyRule[];
  readonly egress: readonly PolicyRule[];
  readonly source: SourceRef;
}
