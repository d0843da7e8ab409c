import type { Labels } from "../../model/labels.js";
import {
  type ContainerPort,
  WORKLOAD_KINDS,
  type Workload,
  type WorkloadKind,
} from "../../model/workload.js";
import type {
  ControllerManifest,
  CronJobManifest,
  PodManifest,
  PodTemplateManifest,
} from "../schemas/workload.js";
import { namespaceOrDefault } from "./default-namespace.js";
import type { ObjectLocation } from "./object-location.js";

type PodSpec = NonNullable<PodManifest["spec"]>;

export function convertPod(manifest: PodManifest, at: ObjectLocation): Workload {
  const { metadata } = manifest;
  const refs = metadata.ownerReferences ?? [];
  // Only a workload counts as the owner: a mirror pod's owner is its Node, which runs no pods.
  const owner = [refs.find((ref) => ref.controller === true) ?? refs[0]].find((ref) =>
    (WORKLOAD_KINDS as readonly string[]).includes(ref?.kind ?? ""),
  );
  return {
    ...identity("Pod", manifest, at),
    podLabels: metadata.labels ?? {},
    ports: containerPorts(manifest.spec),
    ...(owner === undefined ? {} : { owner: { kind: owner.kind, name: owner.name } }),
  };
}

/** Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController and Job: pods from `spec.template`. */
export function convertController(
  kind: Exclude<WorkloadKind, "Pod" | "CronJob">,
  manifest: ControllerManifest,
  at: ObjectLocation,
): Workload {
  return { ...identity(kind, manifest, at), ...fromTemplate(manifest.spec?.template) };
}

export function convertCronJob(manifest: CronJobManifest, at: ObjectLocation): Workload {
  return {
    ...identity("CronJob", manifest, at),
    ...fromTemplate(manifest.spec?.jobTemplate?.spec?.template),
  };
}

function identity(
  kind: WorkloadKind,
  manifest: { metadata: { name: string; namespace?: string | null } },
  at: ObjectLocation,
) {
  return {
    kind,
    namespace: namespaceOrDefault(manifest.metadata.namespace),
    name: manifest.metadata.name,
    source: at.source(),
  };
}

function fromTemplate(template: PodTemplateManifest | null | undefined): {
  podLabels: Labels;
  ports: ContainerPort[];
} {
  return { podLabels: template?.metadata?.labels ?? {}, ports: containerPorts(template?.spec) };
}

/** Ports of the containers, and of init containers with `restartPolicy: Always` (sidecars that keep running). */
function containerPorts(spec: PodSpec | null | undefined): ContainerPort[] {
  const sidecars = (spec?.initContainers ?? []).filter((c) => c.restartPolicy === "Always");
  return [...(spec?.containers ?? []), ...sidecars].flatMap((container) =>
    (container.ports ?? []).map((p) => ({
      ...(p.name == null ? {} : { name: p.name }),
      port: p.containerPort,
      protocol: p.protocol ?? "TCP",
    })),
  );
}
