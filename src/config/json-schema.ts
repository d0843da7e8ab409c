import { z } from "zod";
import { configSchema } from "./schema.js";

/**
 * The JSON Schema of `.github/netpol-review.yml`, committed as `docs/config.schema.json` for
 * editors (`# yaml-language-server: $schema=...`). Generated from the zod schema, so the two
 * cannot drift: a test compares them.
 */
export function configJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(configSchema, { io: "input" }),
    $id: "https://raw.githubusercontent.com/netpol-review/netpol-review/main/docs/config.schema.json",
    title: "netpol-review configuration (.github/netpol-review.yml)",
  };
}
