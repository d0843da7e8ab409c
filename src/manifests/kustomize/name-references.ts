import { WORKLOAD_KINDS } from "../../model/workload.js";
import { isMapping } from "./provenance.js";
import { allNames, currentName, effectiveNamespace, kindOf, type Resource } from "./resource.js";

/** Where a pod spec names another object, by the kind it names (a subset of kustomize's namereference.go). */
const POD_SPEC_REFERENCES: readonly { readonly kind: string; readonly path: readonly string[] }[] = [
  { kind: "ConfigMap", path: ["volumes", "*", "configMap", "name"] },
  { kind: "ConfigMap", path: ["volumes", "*", "projected", "sources", "*", "configMap", "name"] },
  { kind: "ConfigMap", path: ["$containers", "env", "*", "valueFrom", "configMapKeyRef", "name"] },
  { kind: "ConfigMap", path: ["$containers", "envFrom", "*", "configMapRef", "name"] },
  { kind: "Secret", path: ["volumes", "*", "secret", "secretName"] },
  { kind: "Secret", path: ["volumes", "*", "projected", "sources", "*", "secret", "name"] },
  { kind: "Secret", path: ["$containers", "env", "*", "valueFrom", "secretKeyRef", "name"] },
  { kind: "Secret", path: ["$containers", "envFrom", "*", "secretRef", "name"] },
  { kind: "Secret", path: ["imagePullSecrets", "*", "name"] },
  { kind: "ServiceAccount", path: ["serviceAccountName"] },
  { kind: "PersistentVolumeClaim", path: ["volumes", "*", "persistentVolumeClaim", "claimName"] },
];

const POD_SPEC_PATHS: Readonly<Record<string, readonly string[]>> = {
  Pod: ["spec"],
  CronJob: ["spec", "jobTemplate", "spec", "template", "spec"],
};
const TEMPLATE_SPEC = ["spec", "template", "spec"];
const WORKLOADS: ReadonlySet<string> = new Set(WORKLOAD_KINDS);

/**
 * After renames (prefix, suffix, hash), pod specs that named a ConfigMap, Secret, ServiceAccount
 * or PersistentVolumeClaim by a former name get its current one, and a StatefulSet's serviceName
 * its Service's (kustomize's FixBackReferences, for these fields of namereference.go).
 * When several objects had that name, the one renamed by the same prefixes and suffixes as the
 * referring workload wins, as kustomize chooses; otherwise the reference is left as written.
 */
export function fixNameReferences(resources: readonly Resource[]): void {
  const byKind = new Map<string, Resource[]>();
  for (const resource of resources) {
    const list = byKind.get(kindOf(resource));
    if (list) list.push(resource);
    else byKind.set(kindOf(resource), [resource]);
  }
  for (const referrer of resources) {
    const kind = kindOf(referrer);
    const services = byKind.get("Service");
    if (kind === "StatefulSet" && services && isMapping(referrer.value.spec)) {
      const spec = referrer.value.spec;
      const target =
        typeof spec.serviceName === "string" ? referral(referrer, services, spec.serviceName) : undefined;
      if (target) spec.serviceName = currentName(target).name;
    }
    const specPath = POD_SPEC_PATHS[kind] ?? (WORKLOADS.has(kind) ? TEMPLATE_SPEC : undefined);
    const podSpec = specPath && at(referrer.value, specPath);
    if (!isMapping(podSpec)) continue;
    for (const reference of POD_SPEC_REFERENCES) {
      const candidates = byKind.get(reference.kind) ?? [];
      if (candidates.length === 0) continue;
      visit(podSpec, reference.path, (parent, key) => {
        const name = parent[key];
        if (typeof name !== "string") return;
        const target = referral(referrer, candidates, name);
        if (target) parent[key] = currentName(target).name;
      });
    }
  }
}

function referral(referrer: Resource, candidates: readonly Resource[], name: string): Resource | undefined {
  const namespace = effectiveNamespace(currentName(referrer).namespace);
  const named = candidates.filter(
    (c) =>
      effectiveNamespace(currentName(c).namespace) === namespace && allNames(c).some((n) => n.name === name),
  );
  if (named.length <= 1) return named[0];
  const same = named.filter((c) => c.affixes.join("\n") === referrer.affixes.join("\n"));
  return same.length === 1 ? same[0] : undefined;
}

function at(value: unknown, path: readonly string[]): unknown {
  let node = value;
  for (const key of path) node = isMapping(node) ? node[key] : undefined;
  return node;
}

function visit(
  node: unknown,
  path: readonly string[],
  found: (parent: Record<string, unknown>, key: string) => void,
): void {
  const [head, ...rest] = path;
  if (head === undefined || !isMapping(node)) return;
  if (head === "$containers") {
    for (const key of ["containers", "initContainers"]) {
      const list = node[key];
      if (Array.isArray(list)) for (const item of list) visit(item, rest, found);
    }
    return;
  }
  if (rest.length === 0) {
    found(node, head);
    return;
  }
  const child = node[head];
  if (rest[0] === "*") {
    if (Array.isArray(child)) for (const item of child) visit(item, rest.slice(1), found);
  } else visit(child, rest, found);
}
