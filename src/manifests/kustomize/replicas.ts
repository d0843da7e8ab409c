import { type Kustomization, mappingList } from "./kustomization.js";
import { setField } from "./provenance.js";
import { allNames, kindOf, type Resource } from "./resource.js";

// kustomize's built-in replicas field specs (api/internal/konfig/builtinpluginconsts/replicas.go).
const SCALABLE_KINDS = new Set(["Deployment", "ReplicationController", "ReplicaSet", "StatefulSet"]);

/** `replicas: [{name, count}]` sets spec.replicas of the scalable resources with that (current or former) name. */
export function applyReplicas(k: Kustomization, resources: readonly Resource[]): void {
  for (const { value: entry, index } of mappingList(k, "replicas")) {
    const at = ["replicas", index];
    if (typeof entry.name !== "string" || typeof entry.count !== "number" || !Number.isInteger(entry.count)) {
      k.report.error(at, "a replicas entry needs name: and an integer count:; ignored");
      continue;
    }
    const name = entry.name;
    const targets = resources.filter(
      (r) => SCALABLE_KINDS.has(kindOf(r)) && allNames(r).some((n) => n.name === name),
    );
    if (targets.length === 0) {
      k.report.error(
        at,
        `replicas: no Deployment, ReplicaSet, ReplicationController or StatefulSet is named ${name}; kustomize build fails here`,
      );
      continue;
    }
    const origin = { file: k.file, positions: k.positions, path: [...at, "count"] };
    for (const resource of targets) {
      let spec = resource.value.spec;
      if (typeof spec !== "object" || spec === null || Array.isArray(spec)) {
        spec = {};
        setField(resource.value, "spec", spec, origin);
      }
      setField(spec as Record<string, unknown>, "replicas", entry.count, origin);
    }
  }
}
