import type { Labels } from "./labels.js";
import type { Protocol } from "./protocol.js";
import type { SourceRef } from "./source.js";

export const WORKLOAD_KINDS = [
  "Pod",
  "Deployment",
  "StatefulSet",
  "DaemonSet",
  "ReplicaSet",
  "ReplicationController",
  "Job",
  "CronJob",
] as const;
export type WorkloadKind = (typeof WORKLOAD_KINDS)[number];

/** A container port; only named ones matter to policies, but all are kept for lint. */
export interface ContainerPort {
  readonly name?: string;
  readonly port: number;
  readonly protocol: Protocol;
}

/** A workload from the manifests, reduced to what its pods look like to the network. */
export interface Workload {
  readonly kind: WorkloadKind;
  readonly namespace: string;
  readonly name: string;
  /** Labels of the pods it runs (the pod template's, or the Pod's own). */
  readonly podLabels: Labels;
  readonly ports: readonly ContainerPort[];
  /** The controller named by a Pod's ownerReferences (cluster dumps list pods, not their owners). */
  readonly owner?: { readonly kind: string; readonly name: string };
  readonly source: SourceRef;
}
