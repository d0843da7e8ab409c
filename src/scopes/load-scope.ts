import { addRenderedObjects } from "../manifests/kustomize/index.js";
import { loadFilesInto } from "../manifests/load.js";
import type { ParseCache } from "../manifests/parse-cache.js";
import type { SourceFile } from "../manifests/source-file.js";
import { TreeCollector } from "../manifests/tree-collector.js";
import type { ManifestTree } from "../model/tree.js";
import type { ScopePlan } from "./plan.js";
import type { Scope } from "./types.js";

/**
 * One scope's tree: its kustomizations rendered and its plain files loaded, into one cluster.
 * `cache` is shared by the loads of one review, so that a file base and head both hold is parsed once.
 */
export function loadScope(
  plan: ScopePlan,
  scope: Scope,
  files: readonly SourceFile[],
  cache?: ParseCache,
): ManifestTree {
  const into = new TreeCollector();
  for (const root of scope.roots) {
    const render = plan.renders.get(root);
    if (render) addRenderedObjects(render, into);
  }
  const plain = new Set(scope.plainFiles);
  loadFilesInto(
    files.filter((f) => plain.has(f.path)),
    into,
    cache ? { cache } : {},
  );
  return into.tree();
}
