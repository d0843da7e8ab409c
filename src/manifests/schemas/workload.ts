import { z } from "zod";
import {
  labelMapSchema,
  metadataSchema,
  nullAsEmpty,
  objectMetadataSchema,
  portNameSchema,
  portNumberSchema,
  protocolSchema,
} from "./common.js";

const containerSchema = z.looseObject({
  restartPolicy: z.string().nullish(),
  ports: z
    .array(
      z.looseObject({
        name: portNameSchema.nullish(),
        containerPort: portNumberSchema("containerPort"),
        protocol: protocolSchema.nullish(),
      }),
    )
    .nullish(),
});

const podSpecSchema = z.looseObject({
  containers: z.array(containerSchema).nullish(),
  initContainers: z.array(containerSchema).nullish(),
});

const podTemplateSchema = z.looseObject({
  metadata: z.looseObject({ labels: labelMapSchema.nullish() }).nullish(),
  spec: podSpecSchema.nullish(),
});

const ownerReferenceSchema = z.looseObject({
  kind: z.string(),
  name: z.string(),
  controller: z.boolean().nullish(),
});

export const podSchema = z.looseObject({
  metadata: nullAsEmpty(metadataSchema.extend({ ownerReferences: z.array(ownerReferenceSchema).nullish() })),
  spec: podSpecSchema.nullish(),
});

/** Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController, Job. */
export const controllerSchema = z.looseObject({
  metadata: objectMetadataSchema,
  spec: z.looseObject({ template: podTemplateSchema.nullish() }).nullish(),
});

export const cronJobSchema = z.looseObject({
  metadata: objectMetadataSchema,
  spec: z
    .looseObject({
      jobTemplate: z
        .looseObject({ spec: z.looseObject({ template: podTemplateSchema.nullish() }).nullish() })
        .nullish(),
    })
    .nullish(),
});

export type PodManifest = z.output<typeof podSchema>;
export type PodTemplateManifest = z.output<typeof podTemplateSchema>;
export type ControllerManifest = z.output<typeof controllerSchema>;
export type CronJobManifest = z.output<typeof cronJobSchema>;
