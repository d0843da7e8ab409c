import type { AdminPolicyKind } from "../model/admin-policy.js";
import { WORKLOAD_KINDS, type WorkloadKind } from "../model/workload.js";
import {
  OPERATOR_API_VERSION,
  OPERATOR_WORKLOAD_KINDS,
  type OperatorWorkloadKind,
} from "./convert/operator-workloads.js";

export type ObjectCategory =
  | { readonly type: "namespace" }
  | { readonly type: "service" }
  | { readonly type: "networkPolicy" }
  | { readonly type: "adminPolicy"; readonly kind: AdminPolicyKind }
  | { readonly type: "workload"; readonly kind: WorkloadKind }
  /** A custom resource an operator turns into workloads (`convert/operator-workloads.ts`). */
  | { readonly type: "operatorWorkload"; readonly kind: OperatorWorkloadKind }
  /** `label` is the key under which `ManifestTree.skipped` counts it. */
  | { readonly type: "skipped"; readonly label: string };

// Kinds that other API groups reuse (Calico's NetworkPolicy, Knative's Service) need their
// core apiVersion; workloads match on kind alone so that old groups (extensions/v1beta1) still count.
const CORE_API_VERSIONS = {
  Namespace: { apiVersion: "v1", type: "namespace" },
  Service: { apiVersion: "v1", type: "service" },
  NetworkPolicy: { apiVersion: "networking.k8s.io/v1", type: "networkPolicy" },
} as const;

// sigs.k8s.io/network-policy-api: ClusterNetworkPolicy has the same shape in v1alpha2 and v1beta1.
const ADMIN_API_VERSIONS: Readonly<Record<AdminPolicyKind, readonly string[]>> = {
  AdminNetworkPolicy: ["policy.networking.k8s.io/v1alpha1"],
  BaselineAdminNetworkPolicy: ["policy.networking.k8s.io/v1alpha1"],
  ClusterNetworkPolicy: ["policy.networking.k8s.io/v1alpha2", "policy.networking.k8s.io/v1beta1"],
};

export function classifyObject(apiVersion: string, kind: string): ObjectCategory {
  if (Object.hasOwn(ADMIN_API_VERSIONS, kind)) {
    const adminKind = kind as AdminPolicyKind;
    return ADMIN_API_VERSIONS[adminKind].includes(apiVersion)
      ? { type: "adminPolicy", kind: adminKind }
      : { type: "skipped", label: `${kind} (${apiVersion})` };
  }
  if (Object.hasOwn(CORE_API_VERSIONS, kind)) {
    const core = CORE_API_VERSIONS[kind as keyof typeof CORE_API_VERSIONS];
    return core.apiVersion === apiVersion
      ? { type: core.type }
      : { type: "skipped", label: `${kind} (${apiVersion})` };
  }
  const operatorKind = OPERATOR_WORKLOAD_KINDS.find((k) => k === kind);
  if (operatorKind !== undefined && apiVersion === OPERATOR_API_VERSION)
    return { type: "operatorWorkload", kind: operatorKind };
  const workloadKind = WORKLOAD_KINDS.find((k) => k === kind);
  return workloadKind === undefined
    ? { type: "skipped", label: kind }
    : { type: "workload", kind: workloadKind };
}
