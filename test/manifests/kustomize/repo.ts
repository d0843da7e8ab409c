import {
  type KustomizeRender,
  renderKustomization,
  repositoryFiles,
} from "../../../src/manifests/kustomize/index.js";
import type { SourceFile } from "../../../src/manifests/source-file.js";
import { sourceFile } from "../helpers.js";

/** A repository snapshot from path -> content. */
export function repo(files: Readonly<Record<string, string>>): SourceFile[] {
  return Object.entries(files).map(([path, content]) => sourceFile(path, content));
}

export function render(root: string, files: Readonly<Record<string, string>>): KustomizeRender {
  return renderKustomization(root, repositoryFiles(repo(files)));
}

/** `file:line: severity: message` of each diagnostic, for readable assertions. */
export function diagnosticLines(result: KustomizeRender): string[] {
  return result.diagnostics.map((d) => `${d.file}:${d.line}: ${d.severity}: ${d.message}`);
}

/** The diagnostics of rendering `root`, as `file:line: severity: message`. */
export function diagnosticsOf(root: string, files: Readonly<Record<string, string>>): string[] {
  return diagnosticLines(render(root, files));
}

export const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: web
        image: nginx
        ports:
        - containerPort: 8080
`;
