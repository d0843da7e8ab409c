import { z } from "zod";
import {
  labelMapSchema,
  objectMetadataSchema,
  portNumberSchema,
  portOrNameSchema,
  protocolSchema,
} from "./common.js";

export const serviceSchema = z.looseObject({
  metadata: objectMetadataSchema,
  spec: z
    .looseObject({
      selector: labelMapSchema.nullish(),
      ports: z
        .array(
          z.looseObject({
            port: portNumberSchema("port"),
            targetPort: portOrNameSchema("targetPort").nullish(),
            protocol: protocolSchema.nullish(),
          }),
        )
        .nullish(),
    })
    .nullish(),
});

export type ServiceManifest = z.output<typeof serviceSchema>;
