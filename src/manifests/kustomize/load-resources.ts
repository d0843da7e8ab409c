import { kubernetesObjects } from "../kubernetes-objects.js";
import { type RenderContext, readYaml } from "./context.js";
import type { FileReporter } from "./diagnostics.js";
import { track } from "./provenance.js";
import type { Resource } from "./resource.js";

/**
 * The objects of one manifest file, as kustomize reads a `resources` file: every document (the
 * items of a `List`), each a fresh copy so that transforms never touch the cache.
 */
export function resourcesOfFile(
  context: RenderContext,
  path: string,
  from: FileReporter,
  at: readonly (string | number)[],
): Resource[] {
  const documents = readYaml(context, path);
  if (documents === undefined) return [];
  const resources: Resource[] = [];
  for (const document of documents) {
    const objects = kubernetesObjects(document.value);
    if (objects.length === 0 && document.value !== null && document.value !== undefined)
      from.report(
        "warning",
        at,
        `${path}: a document without apiVersion and kind is not a Kubernetes object; kustomize build fails on it`,
      );
    for (const object of objects) {
      const value = structuredClone(object.value) as Record<string, unknown>;
      track(value, { file: path, positions: document.positions, path: object.path });
      resources.push({ value, file: path, history: [], affixes: [] });
    }
  }
  return resources;
}
