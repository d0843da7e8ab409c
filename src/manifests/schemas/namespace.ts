import type { z } from "zod";
import { NAMESPACE_SPEC_FIELDS } from "./api-fields.js";
import { kubernetesObjectSchema, objectMetadataSchema } from "./common.js";
import { strictObject } from "./strict-object.js";

export const namespaceSchema = kubernetesObjectSchema({
  metadata: objectMetadataSchema,
  spec: strictObject({}, NAMESPACE_SPEC_FIELDS).nullish(),
});

export type NamespaceManifest = z.output<typeof namespaceSchema>;
