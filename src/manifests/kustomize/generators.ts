import type { RenderContext } from "./context.js";
import { readText } from "./context.js";
import { type Kustomization, mappingList, warnIfOutsideRoot } from "./kustomization.js";
import { isMapping, track } from "./provenance.js";
import { resolveRepoPath } from "./repository-files.js";
import { allNames, currentName, effectiveNamespace, kindOf, type Resource, resourceId } from "./resource.js";

type GeneratedKind = "ConfigMap" | "Secret";

/**
 * `configMapGenerator` and `secretGenerator` (literals, files, env files; behavior create, merge
 * or replace; `generatorOptions`). The objects matter to `render`, not to reachability: a source
 * that cannot be read is reported and the object generated without it.
 */
export function applyGenerators(context: RenderContext, k: Kustomization, resources: Resource[]): void {
  generate(context, k, resources, "ConfigMap", "configMapGenerator");
  generate(context, k, resources, "Secret", "secretGenerator");
}

function generate(
  context: RenderContext,
  k: Kustomization,
  resources: Resource[],
  kind: GeneratedKind,
  field: string,
): void {
  const global = isMapping(k.fields.generatorOptions) ? k.fields.generatorOptions : {};
  for (const { value: entry, index } of mappingList(k, field)) {
    const at = [field, index];
    if (typeof entry.name !== "string" || entry.name === "") {
      k.report.error(at, `a ${field} entry needs a name; not generated`);
      continue;
    }
    const options = { ...global, ...(isMapping(entry.options) ? entry.options : {}) };
    const data = collectData(context, k, entry, at);
    const metadata: Record<string, unknown> = { name: entry.name };
    if (typeof entry.namespace === "string") metadata.namespace = entry.namespace;
    const labels = {
      ...stringsOf(global.labels),
      ...stringsOf(isMapping(entry.options) ? entry.options.labels : undefined),
    };
    const annotations = {
      ...stringsOf(global.annotations),
      ...stringsOf(isMapping(entry.options) ? entry.options.annotations : undefined),
    };
    if (Object.keys(labels).length > 0) metadata.labels = labels;
    if (Object.keys(annotations).length > 0) metadata.annotations = annotations;
    const value: Record<string, unknown> = { apiVersion: "v1", kind, metadata };
    if (kind === "Secret") value.type = typeof entry.type === "string" ? entry.type : "Opaque";
    if (Object.keys(data).length > 0)
      value.data =
        kind === "Secret"
          ? Object.fromEntries(
              Object.entries(data).map(([key, v]) => [key, Buffer.from(v).toString("base64")]),
            )
          : data;
    if (options.immutable === true) value.immutable = true;
    track(value, { file: k.file, positions: k.positions, path: at });
    const generated: Resource = {
      value,
      file: k.file,
      history: [],
      affixes: [],
      generated: { hash: options.disableNameSuffixHash !== true },
    };
    absorb(k, resources, generated, entry.behavior, at);
  }
}

/** create adds (a conflict is an error), merge adds data to the inherited object, replace swaps it. */
function absorb(
  k: Kustomization,
  resources: Resource[],
  generated: Resource,
  behavior: unknown,
  at: readonly (string | number)[],
): void {
  const id = resourceId(generated);
  const { name, namespace } = currentName(generated);
  // As kustomize's AbsorbAll: the inherited object may have been renamed since (a prefix).
  const index = resources.findIndex(
    (r) =>
      kindOf(r) === kindOf(generated) &&
      allNames(r).some(
        (n) => n.name === name && effectiveNamespace(n.namespace) === effectiveNamespace(namespace),
      ),
  );
  const mode = behavior === undefined ? "create" : behavior;
  if (mode === "create") {
    if (index >= 0) k.report.error(at, `${id} already exists; use behavior: merge or replace; not generated`);
    else resources.push(generated);
    return;
  }
  if (mode !== "merge" && mode !== "replace") {
    k.report.error([...at, "behavior"], "behavior must be create, merge or replace; not generated");
    return;
  }
  if (index < 0) {
    k.report.error(at, `behavior: ${mode} needs an inherited object of that name; not generated`);
    return;
  }
  const existing = resources[index] as Resource;
  if (mode === "replace") {
    resources[index] = { ...generated, history: existing.history };
    return;
  }
  const data = {
    ...(isMapping(existing.value.data) ? existing.value.data : {}),
    ...(isMapping(generated.value.data) ? generated.value.data : {}),
  };
  existing.value.data = data;
  const metadata = existing.value.metadata as Record<string, unknown>;
  const added = generated.value.metadata as Record<string, unknown>;
  // kustomize's merge writes both maps back, empty or not (`labels: {}` in its own test output).
  for (const key of ["labels", "annotations"])
    metadata[key] = {
      ...(isMapping(metadata[key]) ? metadata[key] : {}),
      ...(isMapping(added[key]) ? added[key] : {}),
    };
}

function collectData(
  context: RenderContext,
  k: Kustomization,
  entry: Record<string, unknown>,
  at: readonly (string | number)[],
): Record<string, string> {
  const data: Record<string, string> = {};
  for (const literal of strings(entry.literals)) {
    const eq = literal.indexOf("=");
    if (eq <= 0) k.report.error([...at, "literals"], `literal ${literal} is not key=value; ignored`);
    else data[literal.slice(0, eq)] = unquote(literal.slice(eq + 1));
  }
  for (const source of strings(entry.files)) {
    const eq = source.indexOf("=");
    const key = eq > 0 ? source.slice(0, eq) : source.slice(source.lastIndexOf("/") + 1);
    const text = readSource(context, k, eq > 0 ? source.slice(eq + 1) : source, [...at, "files"]);
    if (text !== undefined) data[key] = text;
  }
  const envs = [...strings(entry.envs), ...(typeof entry.env === "string" ? [entry.env] : [])];
  for (const env of envs) {
    const text = readSource(context, k, env, [...at, "envs"]);
    for (const line of text?.split(/\r?\n/) ?? []) {
      const trimmed = line.trim();
      if (trimmed === "" || trimmed.startsWith("#")) continue;
      const eq = trimmed.indexOf("=");
      if (eq > 0) data[trimmed.slice(0, eq)] = trimmed.slice(eq + 1);
    }
  }
  return data;
}

function readSource(
  context: RenderContext,
  k: Kustomization,
  relative: string,
  at: readonly (string | number)[],
): string | undefined {
  const path = resolveRepoPath(k.dir, relative);
  if (path !== undefined) warnIfOutsideRoot(k, path, at);
  const text = path === undefined ? undefined : readText(context, path);
  if (text === undefined)
    k.report.error(at, `${relative}: no such file in the repository; its data is left out`);
  return text;
}

function unquote(value: string): string {
  return value.length >= 2 && (value[0] === '"' || value[0] === "'") && value.at(-1) === value[0]
    ? value.slice(1, -1)
    : value;
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}

function stringsOf(value: unknown): Record<string, string> {
  return isMapping(value) ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, String(v)])) : {};
}
