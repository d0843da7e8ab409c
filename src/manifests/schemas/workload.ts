import { z } from "zod";
import type { WorkloadKind } from "../../model/workload.js";
import {
  CONTAINER_FIELDS,
  CONTAINER_PORT_FIELDS,
  CONTROLLER_SPEC_FIELDS,
  CRON_JOB_SPEC_FIELDS,
  OWNER_REFERENCE_FIELDS,
  POD_SPEC_FIELDS,
  TEMPLATE_FIELDS,
} from "./api-fields.js";
import {
  kubernetesObjectSchema,
  metadataSchemaWith,
  nullAsEmpty,
  objectMetadataSchema,
  portNameSchema,
  portNumberSchema,
  protocolSchema,
  templateMetadataSchema,
} from "./common.js";
import { strictObject } from "./strict-object.js";

// Only the pod template's labels and container ports are modelled; every other field of these
// API types is accepted by name (api-fields.ts) and a field they do not have is an error.

const containerSchema = strictObject(
  {
    restartPolicy: z.string().nullish(),
    ports: z
      .array(
        strictObject(
          {
            name: portNameSchema.nullish(),
            containerPort: portNumberSchema("containerPort"),
            protocol: protocolSchema.nullish(),
          },
          CONTAINER_PORT_FIELDS,
        ),
      )
      .nullish(),
  },
  CONTAINER_FIELDS,
);

const podSpecSchema = strictObject(
  {
    containers: z.array(containerSchema).nullish(),
    initContainers: z.array(containerSchema).nullish(),
  },
  POD_SPEC_FIELDS,
);

const podTemplateSchema = strictObject(
  { metadata: templateMetadataSchema.nullish(), spec: podSpecSchema.nullish() },
  TEMPLATE_FIELDS,
);

const ownerReferenceSchema = strictObject(
  { kind: z.string(), name: z.string(), controller: z.boolean().nullish() },
  OWNER_REFERENCE_FIELDS,
);

export const podSchema = kubernetesObjectSchema({
  metadata: nullAsEmpty(metadataSchemaWith({ ownerReferences: z.array(ownerReferenceSchema).nullish() })),
  spec: podSpecSchema.nullish(),
});

export type ControllerKind = Exclude<WorkloadKind, "Pod" | "CronJob">;

function controllerSchema(kind: ControllerKind) {
  return kubernetesObjectSchema({
    metadata: objectMetadataSchema,
    spec: strictObject({ template: podTemplateSchema.nullish() }, CONTROLLER_SPEC_FIELDS[kind]).nullish(),
  });
}

/** Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job: each its own spec fields. */
export const controllerSchemas = {
  Deployment: controllerSchema("Deployment"),
  StatefulSet: controllerSchema("StatefulSet"),
  DaemonSet: controllerSchema("DaemonSet"),
  ReplicaSet: controllerSchema("ReplicaSet"),
  ReplicationController: controllerSchema("ReplicationController"),
  Job: controllerSchema("Job"),
} as const satisfies Record<ControllerKind, unknown>;

export const cronJobSchema = kubernetesObjectSchema({
  metadata: objectMetadataSchema,
  spec: strictObject(
    {
      jobTemplate: strictObject(
        {
          spec: strictObject({ template: podTemplateSchema.nullish() }, CONTROLLER_SPEC_FIELDS.Job).nullish(),
        },
        TEMPLATE_FIELDS,
      ).nullish(),
    },
    CRON_JOB_SPEC_FIELDS,
  ).nullish(),
});

export type PodManifest = z.output<typeof podSchema>;
export type PodTemplateManifest = z.output<typeof podTemplateSchema>;
export type ControllerManifest = z.output<ReturnType<typeof controllerSchema>>;
export type CronJobManifest = z.output<typeof cronJobSchema>;
