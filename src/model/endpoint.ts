import type { IpRange } from "./ip-range.js";
import type { Labels } from "./labels.js";
import type { ContainerPort, Workload, WorkloadKind } from "./workload.js";

/**
 * `Pods`: pods known only from a policy selector that matches no workload in the tree.
 * `OtherPods`: every pod of the cluster that nothing else stands for.
 */
export type PodEndpointKind = WorkloadKind | "Pods" | "OtherPods";

/** Something that can send or receive traffic: a group of pods that behave alike, or an address range. */
export type Endpoint = PodEndpoint | ExternalEndpoint;

export interface PodEndpoint {
  readonly id: string;
  readonly kind: PodEndpointKind;
  /** The pods' namespace; for a namespace the tree cannot name, a placeholder (see `namespaceKnown`). */
  readonly namespace: string;
  readonly namespaceKnown: boolean;
  /** Workloads only. */
  readonly name?: string;
  readonly label: string;
  /** The workload's pod labels, or labels that a pod matching the selector would carry. */
  readonly podLabels: Labels;
  readonly ports: readonly ContainerPort[];
  readonly workload?: Workload;
}

export interface ExternalEndpoint {
  readonly id: string;
  readonly kind: "External";
  readonly label: string;
  readonly range: IpRange;
}

export function isPodEndpoint(endpoint: Endpoint): endpoint is PodEndpoint {
  return endpoint.kind !== "External";
}

/**
 * Whether the endpoint's traffic to itself is a pair of its own: every pod endpoint but a Pod
 * stands for pods that can be more than one (replicas, a stand-in's unknown pods), and policies
 * govern the traffic between them. A Pod is one pod, and a pod cannot block access to itself.
 */
export function hasSelfPair(endpoint: Endpoint): boolean {
  return endpoint.kind !== "External" && endpoint.kind !== "Pod";
}
