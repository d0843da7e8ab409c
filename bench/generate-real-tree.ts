/**
 * A generated tree with the mix of kubeflow/manifests (1,126 YAML files, 34 MB, of which about
 * 70% of the bytes are CustomResourceDefinitions): the review's own kinds from `generatePair`,
 * plus the bulk a real platform repository carries that the review never reads: large CRDs
 * (deep `openAPIV3Schema` trees with descriptions, some embedding a whole pod template schema),
 * ConfigMaps holding dashboards and configuration files, RBAC and webhook configurations.
 * Base and head share every file but the ones `generatePair`'s head changes, as in a real PR.
 */
import { stringify } from "yaml";
import { type GeneratedFile, type GeneratedPair, generatePair, Rng } from "./generate.js";

/** About the size of kubeflow/manifests. */
export const REAL_TREE_BYTES = 30_000_000;
const CRD_SHARE = 0.7;
/** The review's own kinds: the workloads and policies of a 1,000-workload platform. */
const REVIEW_WORKLOADS = 1_000;

const WORDS = (
  "the of controller resource specifies field value default when set must be used pod container " +
  "volume secret name namespace list selector template status condition replicas port service " +
  "policy annotation label image pull strategy timeout seconds minimum maximum optional required"
).split(" ");

function sentence(rng: Rng, words: number): string {
  const out: string[] = [];
  for (let i = 0; i < words; i++) out.push(rng.pick(WORDS));
  const text = out.join(" ");
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}

function fieldName(rng: Rng): string {
  const a = rng.pick(WORDS);
  const b = rng.pick(WORDS);
  return `${a}${b.charAt(0).toUpperCase()}${b.slice(1)}${rng.int(100)}`;
}

/** An OpenAPI v3 schema `depth` levels deep, `width` properties per object. */
function schema(rng: Rng, depth: number, width: number): object {
  if (depth === 0 || rng.chance(0.3)) {
    const type = rng.pick(["string", "integer", "boolean", "string"]);
    return {
      description: sentence(rng, 8 + rng.int(30)),
      type,
      ...(type === "integer" ? { format: "int32", minimum: 0 } : {}),
      ...(type === "string" && rng.chance(0.2) ? { enum: ["Always", "IfNotPresent", "Never"] } : {}),
    };
  }
  if (rng.chance(0.2)) {
    return { description: sentence(rng, 10), type: "array", items: schema(rng, depth - 1, width) };
  }
  const properties: Record<string, object> = {};
  for (let i = 0; i < width; i++) properties[fieldName(rng)] = schema(rng, depth - 1, width);
  return {
    description: sentence(rng, 6 + rng.int(20)),
    type: "object",
    properties,
    ...(rng.chance(0.3) ? { required: Object.keys(properties).slice(0, 2) } : {}),
  };
}

function crd(rng: Rng, group: string, kind: string, depth: number, width: number): object {
  const plural = `${kind.toLowerCase()}s`;
  return {
    apiVersion: "apiextensions.k8s.io/v1",
    kind: "CustomResourceDefinition",
    metadata: {
      name: `${plural}.${group}`,
      annotations: { "controller-gen.kubebuilder.io/version": "v0.16.1" },
    },
    spec: {
      group,
      names: { kind, listKind: `${kind}List`, plural, singular: kind.toLowerCase() },
      scope: "Namespaced",
      versions: [
        {
          name: "v1",
          served: true,
          storage: true,
          subresources: { status: {} },
          schema: {
            openAPIV3Schema: {
              type: "object",
              properties: { spec: schema(rng, depth, width), status: schema(rng, depth - 1, width) },
            },
          },
        },
      ],
    },
  };
}

function configMap(rng: Rng, namespace: string, name: string, bytes: number): object {
  const lines: string[] = [];
  let size = 0;
  while (size < bytes) {
    const line = `  "${fieldName(rng)}": "${sentence(rng, 6)}",`;
    lines.push(line);
    size += line.length + 1;
  }
  return {
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: { name, namespace, labels: { "app.kubernetes.io/part-of": "platform" } },
    data: { "config.json": `{\n${lines.join("\n")}\n}\n` },
  };
}

function rbac(rng: Rng, namespace: string, name: string): object[] {
  const rules = Array.from({ length: 4 + rng.int(12) }, () => ({
    apiGroups: [rng.pick(["", "apps", "batch", "kubeflow.org", "networking.k8s.io"])],
    resources: [`${rng.pick(WORDS)}s`, `${rng.pick(WORDS)}s/status`],
    verbs: ["get", "list", "watch", ...(rng.chance(0.5) ? ["create", "update", "patch", "delete"] : [])],
  }));
  const subject = { kind: "ServiceAccount", name, namespace };
  return [
    { apiVersion: "v1", kind: "ServiceAccount", metadata: { name, namespace } },
    { apiVersion: "rbac.authorization.k8s.io/v1", kind: "ClusterRole", metadata: { name }, rules },
    {
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "ClusterRoleBinding",
      metadata: { name },
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name },
      subjects: [subject],
    },
  ];
}

function yamlFile(path: string, docs: readonly object[]): GeneratedFile {
  const content = docs.map((doc) => stringify(doc, { aliasDuplicateObjects: false })).join("---\n");
  return { path, size: Buffer.byteLength(content), content };
}

function byPath(a: GeneratedFile, b: GeneratedFile): number {
  return a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
}

/** The files the review never reads, about `bytes` in all, CRDs taking `CRD_SHARE` of them. */
function platformFiles(rng: Rng, bytes: number): GeneratedFile[] {
  const files: GeneratedFile[] = [];
  const crdBytes = bytes * CRD_SHARE;
  let written = 0;
  for (let i = 0; written < crdBytes; i++) {
    // One CRD in eight embeds something as big as a pod template (kubeflow's training operators).
    const big = i % 8 === 0;
    const group = `${rng.pick(WORDS)}.kubeflow.org`;
    const kind = `${rng.pick(WORDS).replace(/^./, (c) => c.toUpperCase())}Job${i}`;
    const file = yamlFile(`apps/crd-${i}/base/crd.yaml`, [crd(rng, group, kind, big ? 6 : 5, 4)]);
    files.push(file);
    written += file.size;
  }
  for (let i = 0; written < bytes; i++) {
    const namespace = `platform-${i % 20}`;
    const docs =
      i % 3 === 0
        ? [configMap(rng, namespace, `settings-${i}`, 4_000 + rng.int(40_000))]
        : rbac(rng, namespace, `controller-${i}`);
    const file = yamlFile(`common/component-${i}/base/resources.yaml`, docs);
    files.push(file);
    written += file.size;
  }
  return files;
}

/** Base and head, about `bytes` each; the same arguments always give the same bytes. */
export function generateRealTreePair(bytes = REAL_TREE_BYTES, seed = 20_261_202): GeneratedPair {
  const review = generatePair(REVIEW_WORKLOADS, seed);
  const reviewBytes = review.base.reduce((sum, f) => sum + f.size, 0);
  const platform = platformFiles(new Rng(seed), Math.max(0, bytes - reviewBytes));
  return {
    base: [...review.base, ...platform].sort(byPath),
    head: [...review.head, ...platform].sort(byPath),
    changes: review.changes,
  };
}
