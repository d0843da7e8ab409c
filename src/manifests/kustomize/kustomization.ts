import { invalidManifest } from "../invalid-manifest.js";
import type { FieldPath, FieldPositions } from "../source-positions.js";
import { type RenderContext, readYaml } from "./context.js";
import { FileReporter } from "./diagnostics.js";
import { isMapping } from "./provenance.js";
import { KUSTOMIZATION_FILE_NAMES } from "./repository-files.js";

/** One kustomization file, decoded, with a reporter for its fields. */
export interface Kustomization {
  readonly dir: string;
  readonly file: string;
  readonly kind: "Kustomization" | "Component";
  readonly fields: Readonly<Record<string, unknown>>;
  readonly positions: FieldPositions;
  readonly report: FileReporter;
}

/** The kustomization files of `dir`, in kustomize's order of names. */
export function kustomizationFilesIn(context: RenderContext, dir: string): string[] {
  return KUSTOMIZATION_FILE_NAMES.map((name) => (dir === "" ? name : `${dir}/${name}`)).filter(
    (path) => context.tree.get(path) !== undefined,
  );
}

/**
 * Reads the kustomization of `dir`, once per render. `undefined` (with a diagnostic at `from`) when
 * there is none, several, or it is not a mapping.
 */
export function loadKustomization(
  context: RenderContext,
  dir: string,
  from: FileReporter | undefined,
  fromPath: FieldPath,
): Kustomization | undefined {
  if (context.kustomizations.has(dir)) return context.kustomizations.get(dir);
  const found = kustomizationFilesIn(context, dir);
  let result: Kustomization | undefined;
  const shown = dir === "" ? "the repository root" : dir;
  if (found.length === 0) {
    report(
      context,
      dir,
      from,
      fromPath,
      `no kustomization file (${KUSTOMIZATION_FILE_NAMES.join(", ")}) in ${shown}`,
    );
  } else if (found.length > 1) {
    report(
      context,
      dir,
      from,
      fromPath,
      `several kustomization files in ${shown} (${found.join(", ")}); kustomize refuses to choose`,
    );
  } else {
    result = decode(context, dir, found[0] as string);
  }
  context.kustomizations.set(dir, result);
  return result;
}

function decode(context: RenderContext, dir: string, file: string): Kustomization | undefined {
  const documents = readYaml(context, file);
  if (documents === undefined) return undefined;
  const [document, ...rest] = documents;
  const report = new FileReporter(file, document?.positions, context.diagnostics);
  if (!document || !isMapping(document.value)) {
    report.error([], "a kustomization file must hold one YAML mapping; not rendered");
    return undefined;
  }
  if (rest.length > 0)
    report.error([], "a kustomization file must hold one YAML document; only the first is read");
  const fields = document.value;
  const kind = fields.kind === "Component" ? "Component" : "Kustomization";
  if (fields.kind !== undefined && fields.kind !== "Kustomization" && fields.kind !== "Component")
    report.error(["kind"], `kind must be Kustomization or Component, not ${String(fields.kind)}`);
  return { dir, file, kind, fields, positions: document.positions, report };
}

function report(
  context: RenderContext,
  dir: string,
  from: FileReporter | undefined,
  path: FieldPath,
  message: string,
): void {
  if (from) from.error(path, message);
  else context.diagnostics.push(invalidManifest(dir === "" ? "." : dir, 1, `${message}; nothing rendered`));
}

/** A field that must be a list of strings: the strings with their index, others reported. */
export function stringList(k: Kustomization, key: string): { value: string; index: number }[] {
  const raw = k.fields[key];
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) {
    k.report.error([key], `${key} must be a list of strings; ignored`);
    return [];
  }
  const items: { value: string; index: number }[] = [];
  raw.forEach((value, index) => {
    if (typeof value === "string") items.push({ value, index });
    else k.report.error([key, index], `${key} entries must be strings; entry ignored`);
  });
  return items;
}

/** A field that must be a map of strings (labels, annotations); numbers and booleans are written as strings, as kustomize does. */
export function stringMap(
  k: Kustomization,
  key: string,
  raw: unknown = k.fields[key],
  path: FieldPath = [key],
): Record<string, string> {
  if (raw === undefined || raw === null) return {};
  if (!isMapping(raw)) {
    k.report.error(path, `${key} must be a mapping of strings; ignored`);
    return {};
  }
  const map: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (typeof value === "string") map[name] = value;
    else if (typeof value === "number" || typeof value === "boolean") map[name] = String(value);
    else if (value === null) map[name] = "";
    else k.report.error([...path, name], `${key}.${name} must be a string; ignored`);
  }
  return map;
}

/** A field that must be a list of mappings: each with its index. */
export function mappingList(
  k: Kustomization,
  key: string,
): { value: Record<string, unknown>; index: number }[] {
  const raw = k.fields[key];
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) {
    k.report.error([key], `${key} must be a list; ignored`);
    return [];
  }
  const items: { value: Record<string, unknown>; index: number }[] = [];
  raw.forEach((value, index) => {
    if (isMapping(value)) items.push({ value, index });
    else k.report.error([key, index], `${key} entries must be mappings; entry ignored`);
  });
  return items;
}

export function stringOf(k: Kustomization, key: string): string {
  const value = k.fields[key];
  if (value === undefined || value === null) return "";
  if (typeof value === "string") return value;
  k.report.error([key], `${key} must be a string; ignored`);
  return "";
}

/**
 * kustomize's default load restrictor refuses files (not bases) outside the kustomization's own
 * directory; with `--load-restrictor LoadRestrictionsNone` it reads them. They are rendered here
 * as with that option, and said.
 */
export function warnIfOutsideRoot(k: Kustomization, file: string, at: FieldPath): void {
  if (k.dir === "" || file.startsWith(`${k.dir}/`)) return;
  k.report.report(
    "warning",
    at,
    `${file} is outside this kustomization's directory: kustomize build refuses it unless run with --load-restrictor LoadRestrictionsNone; rendered as with that option`,
  );
}
