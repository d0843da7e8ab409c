import {
  applyJsonPatchTo,
  applyStrategicPatch,
  type PatchOptions,
  resourcesForPatchId,
} from "./apply-patch.js";
import type { RenderContext } from "./context.js";
import type { FileReporter } from "./diagnostics.js";
import { type Kustomization, mappingList, stringList } from "./kustomization.js";
import { loadPatch, type PatchContent } from "./patch-source.js";
import { compileTarget, type TargetSelector } from "./patch-target.js";
import { isMapping } from "./provenance.js";
import { resolveRepoPath } from "./repository-files.js";
import { describeResource, type Resource, stringField } from "./resource.js";

const NO_CHANGE: PatchOptions = { allowNameChange: false, allowKindChange: false };

/** `patchesStrategicMerge`: files (or inline YAML), each document patching the resource it names. */
export function applyPatchesStrategicMerge(
  context: RenderContext,
  k: Kustomization,
  resources: Resource[],
): void {
  for (const { value, index } of stringList(k, "patchesStrategicMerge")) {
    const at = ["patchesStrategicMerge", index];
    // An entry is a path when such a file exists, else inline YAML (as kustomize tries both).
    const path = resolveRepoPath(k.dir, value);
    const isFile = !value.includes("\n") && path !== undefined && context.tree.get(path) !== undefined;
    const content = loadPatch(
      context,
      k,
      isFile || !value.includes(":") ? { path: value } : { patch: value },
      at,
    );
    if (content?.type === "json6902")
      k.report.error(at, "patchesStrategicMerge entries must be strategic merge patches; JSON patch ignored");
    else if (content) applyById(resources, content.patches, content.report, NO_CHANGE);
  }
}

/** `patches`: strategic merge or JSON 6902, from path: or patch:, on `target` or on the resource the patch names. */
export function applyPatches(context: RenderContext, k: Kustomization, resources: Resource[]): void {
  for (const { value: entry, index } of mappingList(k, "patches")) {
    const at = ["patches", index];
    const content = loadPatch(context, k, entry, at);
    if (!content) continue;
    const options = isMapping(entry.options)
      ? {
          allowNameChange: entry.options.allowNameChange === true,
          allowKindChange: entry.options.allowKindChange === true,
        }
      : NO_CHANGE;
    if (entry.target === undefined) {
      if (content.type === "json6902") k.report.error(at, "a JSON 6902 patch needs a target; not applied");
      else applyById(resources, content.patches, content.report, options);
      continue;
    }
    const target = compileTarget(entry.target, k.report, [...at, "target"]);
    if (target) applyToTarget(resources, content, target, options, k.report, at);
  }
}

/** `patchesJson6902`: JSON patches from path: or patch:, each on its `target`. */
export function applyPatchesJson6902(context: RenderContext, k: Kustomization, resources: Resource[]): void {
  for (const { value: entry, index } of mappingList(k, "patchesJson6902")) {
    const at = ["patchesJson6902", index];
    const target = compileTarget(entry.target, k.report, [...at, "target"]);
    const content = target && loadPatch(context, k, entry, at);
    if (!target || !content) continue;
    if (content.type !== "json6902")
      k.report.error(at, "patchesJson6902 entries must be JSON 6902 operation lists; not applied");
    else applyToTarget(resources, content, target, NO_CHANGE, k.report, at);
  }
}

function applyToTarget(
  resources: Resource[],
  content: PatchContent,
  target: TargetSelector,
  options: PatchOptions,
  report: FileReporter,
  at: readonly (string | number)[],
): void {
  const selected = resources.filter(target);
  if (selected.length === 0) {
    report.report("warning", [...at, "target"], "patch target matches no resource; patch not applied");
    return;
  }
  for (const resource of selected) {
    if (content.type === "json6902") applyJsonPatchTo(resource, content.operations, content.report);
    else
      for (const patch of content.patches)
        if (!applyStrategicPatch(resource, patch, options)) remove(resources, resource);
  }
}

function applyById(
  resources: Resource[],
  patches: readonly Record<string, unknown>[],
  report: FileReporter,
  options: PatchOptions,
): void {
  for (const patch of patches) {
    const matches = resourcesForPatchId(resources, patch);
    const named = `${stringField(patch, "kind")} ${stringField(patch.metadata, "name")}`;
    if (matches.length !== 1) {
      const why =
        matches.length === 0
          ? "no resource has its kind, apiVersion, name and namespace"
          : `it matches ${matches.map(describeResource).join(", ")}`;
      report.error(
        [],
        `strategic merge patch for ${named}: ${why}; kustomize build fails here; patch not applied`,
      );
      continue;
    }
    const [resource] = matches as [Resource];
    if (!applyStrategicPatch(resource, patch, options)) remove(resources, resource);
  }
}

function remove(resources: Resource[], resource: Resource): void {
  const index = resources.indexOf(resource);
  if (index >= 0) resources.splice(index, 1);
}
