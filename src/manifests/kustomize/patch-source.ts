import type { FieldPath, FieldPositions } from "../source-positions.js";
import { parseYamlFile } from "../yaml-documents.js";
import { type RenderContext, readYaml } from "./context.js";
import { FileReporter } from "./diagnostics.js";
import type { JsonPatchOperation } from "./json-patch.js";
import { type Kustomization, warnIfOutsideRoot } from "./kustomization.js";
import { isMapping, track } from "./provenance.js";
import { resolveRepoPath } from "./repository-files.js";
import { ShiftedPositions } from "./shifted-positions.js";

/** A patch's content: strategic merge documents or JSON 6902 operations, with their file. */
export type PatchContent =
  | {
      readonly type: "strategic";
      readonly patches: readonly Record<string, unknown>[];
      readonly report: FileReporter;
    }
  | {
      readonly type: "json6902";
      readonly operations: readonly JsonPatchOperation[];
      readonly report: FileReporter;
    };

/**
 * Reads a patch from `path:` (relative to the kustomization) or from the inline text `patch:`.
 * `undefined`, reported at `at`, when it cannot be read.
 */
export function loadPatch(
  context: RenderContext,
  k: Kustomization,
  source: { path?: unknown; patch?: unknown },
  at: FieldPath,
): PatchContent | undefined {
  if (typeof source.patch === "string") {
    const parsed = parseInline(context, k, source.patch, [...at, "patch"]);
    return parsed && classify(k.file, parsed.documents, parsed.positions, context);
  }
  if (typeof source.path !== "string") {
    k.report.error(at, "a patch needs path: or patch:; not applied");
    return undefined;
  }
  const file = resolveRepoPath(k.dir, source.path);
  if (file === undefined) {
    k.report.error([...at, "path"], `${source.path} is outside the repository; patch not applied`);
    return undefined;
  }
  if (!context.tree.get(file)) {
    k.report.error([...at, "path"], `${source.path}: no such file in the repository; patch not applied`);
    return undefined;
  }
  warnIfOutsideRoot(k, file, [...at, "path"]);
  const documents = readYaml(context, file) ?? [];
  return classify(
    file,
    documents.map((d) => d.value),
    documents.map((d) => d.positions),
    context,
  );
}

function parseInline(
  context: RenderContext,
  k: Kustomization,
  text: string,
  at: FieldPath,
): { documents: unknown[]; positions: FieldPositions[] } | undefined {
  const keyLine = k.positions.lineOf(at);
  try {
    const parsed = parseYamlFile(k.file, text, { kinds: "all" });
    for (const finding of parsed.findings)
      context.diagnostics.push({ ...finding, line: keyLine + finding.line });
    return {
      documents: parsed.documents.map((d) => structuredClone(d.value)),
      positions: parsed.documents.map((d) => new ShiftedPositions(d.positions, keyLine)),
    };
  } catch (error) {
    k.report.error(
      at,
      `the inline patch could not be parsed: ${error instanceof Error ? error.message : String(error)}`,
    );
    return undefined;
  }
}

function classify(
  file: string,
  documents: readonly unknown[],
  positions: readonly FieldPositions[],
  context: RenderContext,
): PatchContent | undefined {
  const report = new FileReporter(file, positions[0], context.diagnostics);
  const [first] = documents;
  if (Array.isArray(first)) {
    const origin = { file, positions: positions[0] as FieldPositions, path: [] };
    const operations: JsonPatchOperation[] = [];
    for (const [index, op] of first.entries()) {
      if (!isMapping(op) || typeof op.op !== "string" || typeof op.path !== "string") {
        report.error([index], "a JSON patch operation needs op: and path:; patch not applied");
        return undefined;
      }
      operations.push({
        op: op.op,
        path: op.path,
        ...(typeof op.from === "string" ? { from: op.from } : {}),
        ...("value" in op ? { value: op.value } : {}),
        origin: { ...origin, path: [index] },
      });
    }
    return { type: "json6902", operations, report };
  }
  const patches: Record<string, unknown>[] = [];
  for (const [index, document] of documents.entries()) {
    if (!isMapping(document)) {
      report.error([], "a strategic merge patch must be a mapping; document ignored");
      continue;
    }
    track(document, { file, positions: positions[index] as FieldPositions, path: [] });
    patches.push(document);
  }
  return { type: "strategic", patches, report };
}
