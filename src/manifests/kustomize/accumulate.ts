import type { RenderContext } from "./context.js";
import { type Kustomization, loadKustomization, stringList, warnIfOutsideRoot } from "./kustomization.js";
import { resourcesOfFile } from "./load-resources.js";
import { cloneTracked } from "./provenance.js";
import { isRemoteReference } from "./remote.js";
import { resolveRepoPath } from "./repository-files.js";
import { describeResource, type Resource, resourceId } from "./resource.js";
import { applyKustomization } from "./transform.js";

/**
 * What one kustomization directory builds (kustomize's `AccumulateTarget`): its resources, then
 * its components, then its generators and transformers. A directory is built once per render and
 * copied for each kustomization that uses it.
 */
export function buildDirectory(context: RenderContext, k: Kustomization): Resource[] {
  const done = context.rendered.get(k.dir);
  if (done) return done.map(copyResource);
  context.stack.push(k.dir);
  const resources = accumulate(context, k, []);
  context.stack.pop();
  context.rendered.set(k.dir, resources.map(copyResource));
  return resources;
}

/** `resources` and `components` into `into`, then the kustomization's own transforms on all of it. */
function accumulate(context: RenderContext, k: Kustomization, into: Resource[]): Resource[] {
  for (const { value, index } of stringList(k, "resources"))
    addEntry(context, k, "resources", value, index, into);
  for (const { value, index } of stringList(k, "bases")) addEntry(context, k, "bases", value, index, into);
  for (const { value, index } of stringList(k, "components")) {
    const component = subKustomization(context, k, "components", value, index);
    if (!component) continue;
    if (component.kind !== "Component") {
      k.report.error(
        ["components", index],
        `${value} is a kind: Kustomization; components must be kind: Component`,
      );
      continue;
    }
    context.stack.push(component.dir);
    accumulate(context, component, into);
    context.stack.pop();
  }
  applyKustomization(context, k, into);
  return into;
}

function addEntry(
  context: RenderContext,
  k: Kustomization,
  field: string,
  entry: string,
  index: number,
  into: Resource[],
): void {
  const path = resolveRepoPath(k.dir, entry);
  const at = [field, index];
  if (path !== undefined && context.tree.get(path)) {
    warnIfOutsideRoot(k, path, at);
    appendAll(k, at, into, resourcesOfFile(context, path, k.report, at));
    return;
  }
  if (path !== undefined && context.tree.isDirectory(path)) {
    const sub = subKustomization(context, k, field, entry, index);
    if (!sub) return;
    if (sub.kind === "Component") {
      k.report.error(at, `${entry} is a kind: Component; list it under components, not ${field}`);
      return;
    }
    appendAll(k, at, into, buildDirectory(context, sub));
    return;
  }
  if (isRemoteReference(entry)) {
    k.report.report(
      "warning",
      at,
      `not rendered: remote base ${entry}; the review does not include its objects`,
    );
    return;
  }
  if (path === undefined) {
    k.report.error(at, `${entry} is outside the repository; not rendered`);
    return;
  }
  k.report.error(at, `${entry}: no such file or directory in the repository; not rendered`);
}

/** The kustomization of a listed directory, unless it is outside the repository or part of a cycle. */
function subKustomization(
  context: RenderContext,
  k: Kustomization,
  field: string,
  entry: string,
  index: number,
): Kustomization | undefined {
  const at = [field, index];
  const dir = resolveRepoPath(k.dir, entry);
  if (dir === undefined) {
    k.report.error(at, `${entry} is outside the repository; not rendered`);
    return undefined;
  }
  if (field === "components" && !context.tree.isDirectory(dir)) {
    if (isRemoteReference(entry))
      k.report.report(
        "warning",
        at,
        `not rendered: remote component ${entry}; the review does not include its changes`,
      );
    else k.report.error(at, `${entry}: no such directory in the repository; not rendered`);
    return undefined;
  }
  if (context.stack.includes(dir)) {
    const cycle = [...context.stack.slice(context.stack.indexOf(dir)), dir].map((d) => d || ".").join(" → ");
    k.report.error(
      at,
      `${entry} includes itself (${cycle}); kustomize build fails on this cycle; not rendered again`,
    );
    return undefined;
  }
  return loadKustomization(context, dir, k.report, at);
}

/** kustomize refuses two resources with one id; the first is kept here and the build goes on. */
function appendAll(
  k: Kustomization,
  at: readonly (string | number)[],
  into: Resource[],
  added: readonly Resource[],
): void {
  const byId = new Map(into.map((r) => [resourceId(r), r]));
  for (const resource of added) {
    const first = byId.get(resourceId(resource));
    if (first) {
      k.report.error(
        at,
        `${describeResource(resource)} from ${resource.file} is already included (from ${first.file}); kustomize build fails on this conflict; the first is kept`,
      );
      continue;
    }
    into.push(resource);
    byId.set(resourceId(resource), resource);
  }
}

export function copyResource(resource: Resource): Resource {
  return {
    ...resource,
    value: cloneTracked(resource.value),
    history: [...resource.history],
    affixes: [...resource.affixes],
  };
}
