import type { RenderContext } from "./context.js";
import { readYaml } from "./context.js";
import { type FieldSlot, findFields, splitFieldPath } from "./field-path.js";
import { type Kustomization, mappingList, warnIfOutsideRoot } from "./kustomization.js";
import { compileTarget } from "./patch-target.js";
import { cloneTracked, isMapping, type Origin, setField } from "./provenance.js";
import { resolveRepoPath } from "./repository-files.js";
import { describeResource, type Resource } from "./resource.js";

interface Options {
  readonly delimiter?: string;
  readonly index: number;
  readonly create: boolean;
}

/**
 * `replacements`: copies a field of one source resource into fields of target resources
 * (kustomize's ReplacementTransformer), inline or from `path:` files, with the delimiter, index
 * and create options.
 */
export function applyReplacements(
  context: RenderContext,
  k: Kustomization,
  resources: readonly Resource[],
): void {
  for (const { value: entry, index } of mappingList(k, "replacements")) {
    const at = ["replacements", index];
    for (const replacement of replacementsOf(context, k, entry, at)) apply({ k, resources, at }, replacement);
  }
}

function replacementsOf(
  context: RenderContext,
  k: Kustomization,
  entry: Record<string, unknown>,
  at: readonly (string | number)[],
): Record<string, unknown>[] {
  if (typeof entry.path !== "string") return [entry];
  const file = resolveRepoPath(k.dir, entry.path);
  const documents = file === undefined || !context.tree.get(file) ? undefined : readYaml(context, file);
  if (documents === undefined) {
    k.report.error([...at, "path"], `${entry.path}: no such file in the repository; replacement not applied`);
    return [];
  }
  if (file !== undefined) warnIfOutsideRoot(k, file, [...at, "path"]);
  return documents.flatMap((d) => (Array.isArray(d.value) ? d.value : [d.value])).filter(isMapping);
}

/** One replacement being applied: its kustomization, the resources, and where it is written. */
interface ReplacementAt {
  readonly k: Kustomization;
  readonly resources: readonly Resource[];
  readonly at: readonly (string | number)[];
}

function apply(where: ReplacementAt, replacement: Record<string, unknown>): void {
  const { k, resources, at } = where;
  const value = sourceOf(where, replacement);
  if (value === NO_SOURCE) return;
  const origin: Origin = { file: k.file, positions: k.positions, path: [...at, "source"] };
  const targets = Array.isArray(replacement.targets) ? replacement.targets.filter(isMapping) : [];
  for (const [t, target] of targets.entries())
    applyTarget(k, target, [...at, "targets", t], resources, value, origin);
}

const NO_SOURCE = Symbol("no source");

/** The value to copy: `sourceValue`, or the source resource's field (with its delimiter and index). */
function sourceOf({ k, resources, at }: ReplacementAt, replacement: Record<string, unknown>): unknown {
  if (replacement.sourceValue !== undefined) return replacement.sourceValue;
  const source = replacement.source;
  if (!isMapping(source)) {
    k.report.error(at, "a replacement needs a source or a sourceValue; not applied");
    return NO_SOURCE;
  }
  const selectSource = compileTarget(source, k.report, [...at, "source"]);
  if (!selectSource) return NO_SOURCE;
  const sources = resources.filter(selectSource);
  if (sources.length !== 1) {
    const why =
      sources.length === 0
        ? "matches no resource"
        : `matches ${sources.length} resources (${sources.map(describeResource).join(", ")})`;
    k.report.error([...at, "source"], `replacement source ${why}; kustomize build fails here; not applied`);
    return NO_SOURCE;
  }
  const fieldPath = typeof source.fieldPath === "string" ? source.fieldPath : "metadata.name";
  const [slot] = findFields((sources[0] as Resource).value, splitFieldPath(fieldPath), false);
  if (!slot) {
    k.report.error(
      [...at, "source", "fieldPath"],
      `replacement source has no field ${fieldPath}; kustomize build fails here; not applied`,
    );
    return NO_SOURCE;
  }
  return sourceValue(read(slot), optionsOf(source.options));
}

function applyTarget(
  k: Kustomization,
  target: Record<string, unknown>,
  at: readonly (string | number)[],
  resources: readonly Resource[],
  value: unknown,
  origin: Origin,
): void {
  const select = compileTarget(target.select ?? {}, k.report, [...at, "select"]);
  if (!select) return;
  const rejects = (Array.isArray(target.reject) ? target.reject : []).map((r) =>
    compileTarget(r, k.report, [...at, "reject"]),
  );
  const options = optionsOf(target.options);
  const paths = Array.isArray(target.fieldPaths)
    ? target.fieldPaths.filter((p): p is string => typeof p === "string")
    : [];
  for (const resource of resources) {
    if (!select(resource) || rejects.some((reject) => reject?.(resource))) continue;
    for (const path of paths)
      for (const found of findFields(resource.value, splitFieldPath(path), options.create, origin))
        write(found, targetValue(read(found), value, options), origin);
  }
}

function optionsOf(raw: unknown): Options {
  const options = isMapping(raw) ? raw : {};
  return {
    ...(typeof options.delimiter === "string" && options.delimiter !== ""
      ? { delimiter: options.delimiter }
      : {}),
    index: typeof options.index === "number" ? options.index : 0,
    create: options.create === true,
  };
}

function sourceValue(value: unknown, options: Options): unknown {
  if (options.delimiter === undefined || typeof value !== "string") return value;
  return value.split(options.delimiter)[options.index] ?? "";
}

/** With a delimiter, the value replaces one part of the target's (appended past the end, prepended before it). */
function targetValue(current: unknown, value: unknown, options: Options): unknown {
  if (options.delimiter === undefined) return cloneTracked(value);
  const parts = typeof current === "string" ? current.split(options.delimiter) : [];
  const text = String(value);
  if (options.index < 0) parts.unshift(text);
  else if (options.index >= parts.length) parts.push(text);
  else parts[options.index] = text;
  return parts.join(options.delimiter);
}

function read(slot: FieldSlot): unknown {
  return Array.isArray(slot.parent) ? slot.parent[slot.key as number] : slot.parent[slot.key as string];
}

function write(slot: FieldSlot, value: unknown, origin: Origin): void {
  if (Array.isArray(slot.parent)) slot.parent[slot.key as number] = value;
  else setField(slot.parent, slot.key as string, value, origin);
}
