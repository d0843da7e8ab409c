import type { Config } from "../config/schema.js";
import type { Scope } from "./types.js";

/** The configuration as it applies to one scope: its own `context` added to the top-level one. */
export function scopeConfig(config: Config, scope: Scope): Config {
  if (!scope.context) return config;
  return {
    ...config,
    context: {
      namespaces: [...config.context.namespaces, ...scope.context.namespaces],
      workloads: [...config.context.workloads, ...scope.context.workloads],
    },
  };
}
