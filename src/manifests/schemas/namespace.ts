import { z } from "zod";
import { objectMetadataSchema } from "./common.js";

export const namespaceSchema = z.looseObject({ metadata: objectMetadataSchema });

export type NamespaceManifest = z.output<typeof namespaceSchema>;
