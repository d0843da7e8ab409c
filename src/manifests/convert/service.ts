import type { Service } from "../../model/service.js";
import type { ServiceManifest } from "../schemas/service.js";
import { namespaceOrDefault } from "./default-namespace.js";
import type { ObjectLocation } from "./object-location.js";

export function convertService(manifest: ServiceManifest, at: ObjectLocation): Service {
  const { metadata, spec } = manifest;
  const selector = spec?.selector ?? {};
  return {
    namespace: namespaceOrDefault(metadata.namespace),
    name: metadata.name,
    // An empty selector is stored as none by the API server: the Service selects no pods.
    ...(Object.keys(selector).length === 0 ? {} : { selector }),
    ports: (spec?.ports ?? []).map((p, index) => ({
      port: p.port,
      ...(p.targetPort == null ? {} : { targetPort: p.targetPort }),
      protocol: p.protocol ?? "TCP",
      line: at.line(["spec", "ports", index]),
    })),
    source: at.source(),
  };
}
