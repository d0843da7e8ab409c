import { buildDirectory } from "./accumulate.js";
import { newContext } from "./context.js";
import { addHashSuffixes } from "./hash-names.js";
import { loadKustomization } from "./kustomization.js";
import { fixNameReferences } from "./name-references.js";
import { RenderedPositions } from "./provenance.js";
import { type RepositoryFiles, repositoryTree } from "./repository-files.js";
import { sortResources } from "./sort.js";
import type { KustomizeRender } from "./types.js";

/**
 * What `kustomize build <rootDir>` outputs for the repository snapshot `files`, computed here:
 * nothing is executed, fetched or loaded as a plugin. Never throws; what cannot be rendered is a
 * diagnostic with its kustomization's file:line, and the rest is still rendered.
 */
export function renderKustomization(rootDir: string, files: RepositoryFiles): KustomizeRender {
  const root = rootDir.replace(/^\.\/?|\/+$/g, "");
  const context = newContext(repositoryTree(files));
  const k = loadKustomization(context, root, undefined, []);
  const objects = [];
  if (k) {
    if (k.kind === "Component")
      k.report.error(
        ["kind"],
        "a Component cannot be built on its own; kustomize build fails here; rendered as a Kustomization",
      );
    const built = buildDirectory(context, k);
    addHashSuffixes(built);
    fixNameReferences(built);
    const resources = sortResources(k, built);
    for (const resource of resources)
      objects.push({
        value: resource.value,
        file: resource.file,
        positions: new RenderedPositions(resource.value, resource.file),
      });
  }
  return { root, objects, diagnostics: context.diagnostics, inputs: [...context.inputs].sort() };
}
