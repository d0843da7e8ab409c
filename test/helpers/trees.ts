import { computeReachability, type Reachability } from "../../src/analysis/reach.js";
import { loadManifests } from "../../src/manifests/load.js";
import type { ManifestTree } from "../../src/model/tree.js";

/** A tree from inline YAML: one string is one file `manifests.yaml`; a record maps paths to contents. */
export function tree(files: string | Readonly<Record<string, string>>): ManifestTree {
  const entries = typeof files === "string" ? { "manifests.yaml": files } : files;
  return loadManifests(
    Object.entries(entries).map(([path, content]) => ({ path, size: Buffer.byteLength(content), content })),
  );
}

/** Reachability as `"src => dst" -> "TCP 80"` for terse assertions. */
export function connections(t: ManifestTree | Reachability): Map<string, string> {
  const reach = "connections" in t ? t : computeReachability(t);
  return new Map(reach.connections.map((c) => [`${c.src.id} => ${c.dst.id}`, c.ports.toString()]));
}

/** What `src` may open to `dst` ("No Connections" when nothing). */
export function allowed(t: ManifestTree, src: string, dst: string): string {
  return connections(t).get(`${src} => ${dst}`) ?? "No Connections";
}

/** A Deployment with the given pod labels and named container ports, as YAML. */
export function deployment(
  namespace: string,
  name: string,
  labels: Record<string, string>,
  ports: { name?: string; containerPort: number; protocol?: string }[] = [],
): string {
  const labelLines = Object.entries(labels)
    .map(([k, v]) => `        ${k}: "${v}"`)
    .join("\n");
  const portLines = ports
    .map(
      (p) =>
        `        - containerPort: ${p.containerPort}${p.name ? `\n          name: ${p.name}` : ""}${p.protocol ? `\n          protocol: ${p.protocol}` : ""}`,
    )
    .join("\n");
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  namespace: ${namespace}
spec:
  template:
    metadata:
      labels:
${labelLines || "        {}"}
    spec:
      containers:
      - name: main
        image: example
${portLines ? `        ports:\n${portLines}` : ""}
---
`;
}
