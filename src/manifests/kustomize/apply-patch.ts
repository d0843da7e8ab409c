import type { FileReporter } from "./diagnostics.js";
import { applyJsonPatch, type JsonPatchOperation } from "./json-patch.js";
import { isMapping, withOriginOf } from "./provenance.js";
import {
  allNames,
  apiVersionOf,
  describeResource,
  effectiveNamespace,
  kindOf,
  type Resource,
  stringField,
} from "./resource.js";
import { DELETED, mergeMapping } from "./strategic-merge.js";

export interface PatchOptions {
  readonly allowNameChange: boolean;
  readonly allowKindChange: boolean;
}

/**
 * Strategic-merges `patch` into `resource`. As kustomize's ApplySmPatch, the patch's own name,
 * namespace and type are the target's unless the options allow changing them. Returns false when
 * the patch deletes the resource (`$patch: delete`).
 */
export function applyStrategicPatch(
  resource: Resource,
  patch: Record<string, unknown>,
  options: PatchOptions,
): boolean {
  const effective = withOriginOf(patch, { ...patch });
  if (!options.allowKindChange) {
    delete effective.apiVersion;
    delete effective.kind;
  }
  if (isMapping(patch.metadata)) {
    const metadata = withOriginOf(patch.metadata, { ...patch.metadata });
    delete metadata.namespace;
    if (!options.allowNameChange) delete metadata.name;
    effective.metadata = metadata;
  }
  const merged = mergeMapping(resource.value, effective, { kind: kindOf(resource), path: [] });
  if (merged === DELETED) return false;
  resource.value = merged;
  return true;
}

/** Applies JSON 6902 operations to one resource; a failing patch leaves it unchanged and is reported. */
export function applyJsonPatchTo(
  resource: Resource,
  operations: readonly JsonPatchOperation[],
  report: FileReporter,
): void {
  const result = applyJsonPatch(resource.value, operations);
  if (result.ok) resource.value = result.value;
  else
    report.error(
      [result.index],
      `JSON patch does not apply to ${describeResource(resource)}: ${result.reason}; kustomize build fails here; patch not applied`,
    );
}

/**
 * The resource a patch without `target` is for: the one whose kind, apiVersion, name and
 * namespace (current or former, as kustomize's GetById) are the patch's.
 */
export function resourcesForPatchId(
  resources: readonly Resource[],
  patch: Record<string, unknown>,
): Resource[] {
  const kind = stringField(patch, "kind");
  const apiVersion = stringField(patch, "apiVersion");
  const name = stringField(patch.metadata, "name");
  const namespace = effectiveNamespace(stringField(patch.metadata, "namespace"));
  return resources.filter(
    (resource) =>
      kindOf(resource) === kind &&
      apiVersionOf(resource) === apiVersion &&
      allNames(resource).some((n) => n.name === name && effectiveNamespace(n.namespace) === namespace),
  );
}
