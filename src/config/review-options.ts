import type { ReviewOptions } from "../analysis/review/types.js";
import type { Config } from "./schema.js";

/** The engine's options from the repository configuration. */
export function reviewOptions(config: Config): ReviewOptions {
  return {
    ...(config.descriptionAnnotations ? { descriptionAnnotations: config.descriptionAnnotations } : {}),
    rules: Object.fromEntries(
      Object.entries(config.rules).filter(
        (entry): entry is [string, NonNullable<(typeof entry)[1]>] => entry[1] !== undefined,
      ),
    ),
    context: {
      namespaces: config.context.namespaces,
      workloads: config.context.workloads.map((w) => ({
        ...(w.kind ? { kind: w.kind } : {}),
        namespace: w.namespace,
        name: w.name,
        labels: w.labels,
        ports: w.ports.map((p) => ({
          ...(p.name ? { name: p.name } : {}),
          port: p.port,
          ...(p.protocol ? { protocol: p.protocol } : {}),
        })),
      })),
    },
  };
}
