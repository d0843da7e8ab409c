import type { Finding } from "../../model/finding.js";
import { contentWithinLimit, DEFAULT_MAX_FILE_BYTES } from "../file-size.js";
import { invalidManifest } from "../invalid-manifest.js";
import type { SourceFile } from "../source-file.js";
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

/** What parsing one file gave: its documents (unless it could not be read) and its problems. */
interface ParsedYaml {
  readonly documents: readonly ParsedDocument[] | undefined;
  readonly findings: readonly Finding[];
}

// Parses are shared by every render of one snapshot (one per kustomization root): a base that
// ten roots include is parsed once. Renders copy documents before changing them.
const snapshotParses = new WeakMap<RepositoryTree, Map<string, ParsedYaml>>();

/** The documents of a YAML file, parsed once per snapshot; its problems are reported once per render. */
export function readYaml(context: RenderContext, path: string): readonly ParsedDocument[] | undefined {
  if (context.parsed.has(path)) return context.parsed.get(path);
  const file = context.tree.get(path);
  let documents: readonly ParsedDocument[] | undefined;
  if (file) {
    context.inputs.add(path);
    let parses = snapshotParses.get(context.tree);
    if (!parses) {
      parses = new Map();
      snapshotParses.set(context.tree, parses);
    }
    let parsed = parses.get(path);
    if (!parsed) {
      parsed = parseFile(file, path);
      parses.set(path, parsed);
    }
    context.diagnostics.push(...parsed.findings);
    documents = parsed.documents;
  }
  context.parsed.set(path, documents);
  return documents;
}

function parseFile(file: SourceFile, path: string): ParsedYaml {
  const read = contentWithinLimit(file, DEFAULT_MAX_FILE_BYTES);
  if ("finding" in read) return { documents: undefined, findings: [read.finding] };
  try {
    // A kustomization may patch or copy from any object: every document, whatever its kind.
    return parseYamlFile(path, read.content, { kinds: "all" });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return {
      documents: undefined,
      findings: [invalidManifest(path, 1, `file could not be parsed: ${reason}`)],
    };
  }
}

/** A file's text (generator sources), read once per render. */
export function readText(context: RenderContext, path: string): string | undefined {
  const file = context.tree.get(path);
  if (file) context.inputs.add(path);
  return file?.content ?? undefined;
}
