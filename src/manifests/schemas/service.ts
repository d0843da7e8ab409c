import { z } from "zod";
import { SERVICE_PORT_FIELDS, SERVICE_SPEC_FIELDS } from "./api-fields.js";
import {
  kubernetesObjectSchema,
  labelMapSchema,
  objectMetadataSchema,
  portNumberSchema,
  portOrNameSchema,
  protocolSchema,
} from "./common.js";
import { strictObject } from "./strict-object.js";

export const serviceSchema = kubernetesObjectSchema({
  metadata: objectMetadataSchema,
  spec: strictObject(
    {
      selector: labelMapSchema.nullish(),
      ports: z
        .array(
          strictObject(
            {
              port: portNumberSchema("port"),
              targetPort: portOrNameSchema("targetPort").nullish(),
              protocol: protocolSchema.nullish(),
            },
            SERVICE_PORT_FIELDS,
          ),
        )
        .nullish(),
    },
    SERVICE_SPEC_FIELDS,
  ).nullish(),
});

export type ServiceManifest = z.output<typeof serviceSchema>;
