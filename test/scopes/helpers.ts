import { fileURLToPath } from "node:url";
import { type Config, configSchema } from "../../src/config/schema.js";
import { readDirectory } from "../../src/manifests/read-dir.js";
import type { SourceFile } from "../../src/manifests/source-file.js";

const FIXTURES = fileURLToPath(new URL("../fixtures/scopes/", import.meta.url));

/** A fixture tree under test/fixtures/scopes, as the CLI reads it. */
export function fixture(name: string): Promise<SourceFile[]> {
  return readDirectory(`${FIXTURES}${name}`);
}

export function fixturePath(name: string): string {
  return `${FIXTURES}${name}`;
}

/** In-memory files: `{ path: content }`. */
export function files(contents: Readonly<Record<string, string>>): SourceFile[] {
  return Object.entries(contents).map(([path, content]) => ({ path, size: content.length, content }));
}

/** `files` with some paths replaced (or removed, with `null`). */
export function edited(
  base: readonly SourceFile[],
  changes: Readonly<Record<string, string | null>>,
): SourceFile[] {
  const out = base.filter((f) => !(f.path in changes));
  for (const [path, content] of Object.entries(changes))
    if (content !== null) out.push({ path, size: content.length, content });
  return out.sort((a, b) => (a.path < b.path ? -1 : 1));
}

export function config(value: unknown = {}): Config {
  return configSchema.parse(value);
}

export const POD = (name: string, namespace = "shop") => `apiVersion: v1
kind: Pod
metadata: { name: ${name}, namespace: ${namespace}, labels: { app: ${name} } }
spec: { containers: [{ name: c, image: i }] }
`;

export const POLICY = (name: string, app: string, namespace = "shop") => `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: ${name}, namespace: ${namespace}, annotations: { kubernetes.io/description: test } }
spec:
  podSelector: { matchLabels: { app: ${app} } }
  ingress: [{ from: [{ podSelector: {} }] }]
`;

export const KUSTOMIZATION = (...resources: string[]) =>
  `apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n${resources.map((r) => `  - ${r}`).join("\n")}\n`;
