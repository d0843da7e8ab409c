import { z } from "zod";
import type { Labels } from "../../model/labels.js";
import type { ContainerPort, Workload } from "../../model/workload.js";
import { labelMapSchema, objectMetadataSchema } from "../schemas/common.js";
import { namespaceOrDefault } from "./default-namespace.js";
import type { ObjectLocation } from "./object-location.js";

/**
 * Custom resources from which an operator creates pods with labels it documents: the review
 * sees the StatefulSets the operator would create, so that the policies written for those pods
 * select something. prometheus-operator (monitoring.coreos.com/v1); see docs/semantics.md.
 */
export const OPERATOR_WORKLOAD_KINDS = ["Prometheus", "Alertmanager", "ThanosRuler"] as const;
export type OperatorWorkloadKind = (typeof OPERATOR_WORKLOAD_KINDS)[number];
export const OPERATOR_API_VERSION = "monitoring.coreos.com/v1";

/**
 * Only the fields that decide the pods' labels and ports are read; the rest of these large
 * resources is the operator's business (and its CRD's validation), not the review's.
 */
export const operatorResourceSchema = z.looseObject({
  metadata: objectMetadataSchema,
  spec: z
    .looseObject({
      podMetadata: z.looseObject({ labels: labelMapSchema.nullish() }).nullish(),
      portName: z.string().min(1).nullish(),
      listenLocal: z.boolean().nullish(),
      // A bound on hostile input: each shard is a StatefulSet of its own.
      shards: z.number().int().max(1000, { error: "more than 1000 shards are not analysed" }).nullish(),
      thanos: z.looseObject({}).nullish(),
    })
    .nullish(),
});
export type OperatorResourceManifest = z.output<typeof operatorResourceSchema>;

type Spec = NonNullable<OperatorResourceManifest["spec"]>;

const RELOADER_PORT: ContainerPort = { name: "reloader-web", port: 8080, protocol: "TCP" };

/**
 * The StatefulSets prometheus-operator creates for a resource, with the pod labels it sets
 * (`spec.podMetadata.labels`, then the reserved labels, which podMetadata cannot override) and
 * the named container ports of its containers. `app.kubernetes.io/version` is left out: its value
 * is the operator's default version when the resource names none, which the repository does
 * not say.
 */
export function convertOperatorWorkloads(
  kind: OperatorWorkloadKind,
  manifest: OperatorResourceManifest,
  at: ObjectLocation,
): Workload[] {
  const { name } = manifest.metadata;
  const spec: Spec = manifest.spec ?? {};
  const extra = spec.podMetadata?.labels ?? {};
  const common = {
    "app.kubernetes.io/instance": name,
    "app.kubernetes.io/managed-by": "prometheus-operator",
  };
  const workload = (workloadName: string, labels: Labels, ports: ContainerPort[]): Workload => ({
    kind: "StatefulSet",
    namespace: namespaceOrDefault(manifest.metadata.namespace),
    name: workloadName,
    podLabels: { ...extra, ...common, ...labels },
    ports,
    source: at.source(),
  });
  const web = (port: number): ContainerPort[] =>
    spec.listenLocal ? [] : [{ name: spec.portName ?? "web", port, protocol: "TCP" }];
  const reloader = spec.listenLocal ? [] : [RELOADER_PORT];

  if (kind === "Alertmanager") {
    return [
      workload(`alertmanager-${name}`, { "app.kubernetes.io/name": "alertmanager", alertmanager: name }, [
        ...web(9093),
        { name: "mesh-tcp", port: 9094, protocol: "TCP" },
        { name: "mesh-udp", port: 9094, protocol: "UDP" },
        ...reloader,
      ]),
    ];
  }
  if (kind === "ThanosRuler") {
    return [
      workload(`thanos-ruler-${name}`, { "app.kubernetes.io/name": "thanos-ruler", "thanos-ruler": name }, [
        { name: "grpc", port: 10901, protocol: "TCP" },
        ...web(10902),
        ...reloader,
      ]),
    ];
  }
  // Prometheus: one StatefulSet per shard, `prometheus-<name>` then `prometheus-<name>-shard-<n>`.
  const sidecar: ContainerPort[] = spec.thanos
    ? [
        { name: "http", port: 10902, protocol: "TCP" },
        { name: "grpc", port: 10901, protocol: "TCP" },
      ]
    : [];
  const shards = Math.max(1, spec.shards ?? 1);
  return Array.from({ length: shards }, (_, shard) =>
    workload(
      shard === 0 ? `prometheus-${name}` : `prometheus-${name}-shard-${shard}`,
      {
        "app.kubernetes.io/name": "prometheus",
        prometheus: name,
        "operator.prometheus.io/name": name,
        "operator.prometheus.io/shard": String(shard),
      },
      [...web(9090), ...reloader, ...sidecar],
    ),
  );
}
