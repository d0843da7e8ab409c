import type { Finding } from "../../model/finding.js";
import { contentWithinLimit, DEFAULT_MAX_FILE_BYTES } from "../file-size.js";
import { invalidManifest } from "../invalid-manifest.js";
import { type ParsedDocument, parseYamlFile } from "../yaml-documents.js";
import type { Kustomization } from "./kustomization.js";
import type { RepositoryTree } from "./repository-files.js";
import type { Resource } from "./resource.js";

/** State of one `renderKustomization` call: files are parsed, and bases rendered, once. */
export interface RenderContext {
  readonly tree: RepositoryTree;
  readonly diagnostics: Finding[];
  readonly inputs: Set<string>;
  readonly parsed: Map<string, readonly ParsedDocument[] | undefined>;
  readonly kustomizations: Map<string, Kustomization | undefined>;
  /** A kustomization directory's own build result, copied for each user. */
  readonly rendered: Map<string, readonly Resource[]>;
  /** Directories being rendered, outermost first, to report cycles. */
  readonly stack: string[];
}

export function newContext(tree: RepositoryTree): RenderContext {
  return {
    tree,
    diagnostics: [],
    inputs: new Set(),
    parsed: new Map(),
    kustomizations: new Map(),
    rendered: new Map(),
    stack: [],
  };
}

/** The documents of a YAML file, parsed once per render; its problems are reported once. */
export function readYaml(context: RenderContext, path: string): readonly ParsedDocument[] | undefined {
  if (context.parsed.has(path)) return context.parsed.get(path);
  const file = context.tree.get(path);
  let documents: readonly ParsedDocument[] | undefined;
  if (file) {
    context.inputs.add(path);
    const read = contentWithinLimit(file, DEFAULT_MAX_FILE_BYTES);
    if ("finding" in read) context.diagnostics.push(read.finding);
    else {
      try {
        const parsed = parseYamlFile(path, read.content);
        context.diagnostics.push(...parsed.findings);
        documents = parsed.documents;
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        context.diagnostics.push(invalidManifest(path, 1, `file could not be parsed: ${reason}`));
      }
    }
  }
  context.parsed.set(path, documents);
  return documents;
}

/** A file's text (generator sources), read once per render. */
export function readText(context: RenderContext, path: string): string | undefined {
  const file = context.tree.get(path);
  if (file) context.inputs.add(path);
  return file?.content ?? undefined;
}
