import { invalidManifest } from "../invalid-manifest.js";
import { buildDirectory } from "./accumulate.js";
import { newContext, type RenderContext } from "./context.js";
import { addHashSuffixes } from "./hash-names.js";
import { loadKustomization } from "./kustomization.js";
import { fixNameReferences } from "./name-references.js";
import { fixNamespacedReferences } from "./namespaced-references.js";
import { RenderedPositions } from "./provenance.js";
import { type RepositoryFiles, repositoryTree } from "./repository-files.js";
import { sortResources } from "./sort.js";
import type { KustomizeRender, RenderedObject } from "./types.js";

/**
 * What `kustomize build <rootDir>` outputs for the repository snapshot `files`, computed here:
 * nothing is executed, fetched or loaded as a plugin. Never throws; what cannot be rendered is a
 * diagnostic with its kustomization's file:line, and the rest is still rendered.
 */
export function renderKustomization(rootDir: string, files: RepositoryFiles): KustomizeRender {
  const root = rootDir.replace(/^\.\/?|\/+$/g, "");
  const context = newContext(repositoryTree(files));
  let objects: RenderedObject[] = [];
  try {
    objects = renderRoot(context, root);
  } catch (error) {
    // A bug of ours, or input deep enough to exhaust the stack: said, never thrown.
    const reason = error instanceof Error ? error.message : String(error);
    context.diagnostics.push(
      invalidManifest(root || ".", 1, `unexpected error, this kustomization is not rendered: ${reason}`),
    );
  }
  return { root, objects, diagnostics: context.diagnostics, inputs: [...context.inputs].sort() };
}

function renderRoot(context: RenderContext, root: string): RenderedObject[] {
  const k = loadKustomization(context, root, undefined, []);
  const objects: RenderedObject[] = [];
  if (k) {
    if (k.kind === "Component")
      k.report.error(
        ["kind"],
        "a Component cannot be built on its own; kustomize build fails here; rendered as a Kustomization",
      );
    const built = buildDirectory(context, k);
    addHashSuffixes(built);
    fixNameReferences(built);
    fixNamespacedReferences(built);
    const resources = sortResources(k, built);
    for (const resource of resources)
      objects.push({
        value: resource.value,
        file: resource.file,
        positions: new RenderedPositions(resource.value, resource.file),
      });
  }
  return objects;
}
