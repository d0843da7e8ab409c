import {
  type Document,
  type DocumentOptions,
  isCollection,
  isScalar,
  LineCounter,
  type ParseOptions,
  parseAllDocuments,
  type SchemaOptions,
  type Tags,
  visit,
  type YAMLError,
} from "yaml";
import type { Finding } from "../model/finding.js";
import { readDocumentsOnly, restoreRemovedLines, type UnreadDocument } from "./document-kinds.js";
import { indentFlowContinuations } from "./flow-indentation.js";
import { invalidManifest } from "./invalid-manifest.js";
import { classifyObject } from "./object-kind.js";
import { quote } from "./quote.js";
import { SourcePositions } from "./source-positions.js";

/** One YAML document that parsed cleanly, decoded, with a way back to its lines. */
export interface ParsedDocument {
  readonly value: unknown;
  readonly positions: SourcePositions;
}

export interface ParsedFile {
  readonly documents: readonly ParsedDocument[];
  readonly findings: readonly Finding[];
  /** Documents of kinds the review never reads, left out before composing (`kinds: "review"`). */
  readonly unread: readonly UnreadDocument[];
}

export interface ParseYamlOptions {
  /**
   * `review` (the default): only documents whose kind the review reads (and Lists, and any
   * document whose kind is not certain before composing) are composed; the rest are counted in
   * `unread`, and their YAML errors are not looked for. `all`: every document, as kustomize
   * needs (a patch may target any kind).
   */
  readonly kinds?: "review" | "all";
}

/**
 * kubectl decodes manifests as YAML 1.1 (so `yes`, `on` and `y` are booleans there, and a label
 * written `enabled: yes` is rejected), but keeps timestamps and `1:20` as strings.
 */
const YAML_OPTIONS: ParseOptions & DocumentOptions & SchemaOptions = {
  version: "1.1",
  prettyErrors: false,
  uniqueKeys: true,
  // The library would print its warnings to stderr itself; they become findings instead.
  logLevel: "error",
  customTags: (tags: Tags) =>
    tags.filter(
      (tag) =>
        typeof tag === "string" ||
        (tag.tag !== "tag:yaml.org,2002:timestamp" && !("format" in tag && tag.format === "TIME")),
    ),
};

/** Beyond this, aliases multiply into more data than a manifest has ("billion laughs"). */
const MAX_ALIAS_COUNT = 100;

/** Past the first errors of a document, the rest are mostly echoes of them (and a hostile file has thousands). */
const MAX_ERRORS_PER_DOCUMENT = 20;

/**
 * Splits a YAML or JSON file into documents; a document with any error becomes findings
 * instead. Never prints anything: the library's warnings are findings too.
 */
export function parseYamlFile(file: string, text: string, options: ParseYamlOptions = {}): ParsedFile {
  const read =
    (options.kinds ?? "review") === "review"
      ? readDocumentsOnly(text, isReviewKind)
      : { text, unread: [], removed: [] };
  const { docs, source, lineCounter } = parseLikeKubectl(read.text);
  restoreRemovedLines(lineCounter, read.removed);
  const documents: ParsedDocument[] = [];
  const findings: Finding[] = [];
  const lineAt = (offset: number): number => lineCounter.linePos(offset).line;
  for (const doc of docs) {
    for (const warning of doc.warnings) {
      findings.push(
        invalidManifest(file, lineAt(warning.pos[0]), `YAML: ${warning.message}`, undefined, "warning"),
      );
    }
    if (doc.errors.length > 0) {
      for (const error of doc.errors.slice(0, MAX_ERRORS_PER_DOCUMENT)) {
        const message = `${yamlErrorText(doc, error)}; document not loaded`;
        findings.push(invalidManifest(file, lineAt(error.pos[0]), message));
      }
      const more = doc.errors.length - MAX_ERRORS_PER_DOCUMENT;
      if (more > 0) {
        const last = doc.errors[MAX_ERRORS_PER_DOCUMENT]?.pos[0] ?? 0;
        findings.push(invalidManifest(file, lineAt(last), `${more} more YAML errors in this document`));
      }
      continue;
    }
    if (doc.contents === null) continue;
    const collectionKey = collectionKeyOffset(doc);
    if (collectionKey !== undefined) {
      // kubectl converts YAML to JSON, whose keys are strings: it refuses such a document.
      const message =
        "a mapping key is itself a mapping or a list, which Kubernetes manifests cannot have; document not loaded";
      findings.push(invalidManifest(file, lineAt(collectionKey), message));
      continue;
    }
    try {
      const value: unknown = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
      documents.push({ value, positions: new SourcePositions(doc, lineCounter, source) });
    } catch (error) {
      const line = lineAt(doc.contents.range[0]);
      const message =
        error instanceof ReferenceError && /alias/i.test(error.message)
          ? "YAML aliases expand to far more data than a manifest holds (a billion laughs attack?)"
          : `document could not be decoded: ${error instanceof Error ? error.message : String(error)}`;
      findings.push(invalidManifest(file, line, `${message}; document not loaded`));
    }
  }
  return { documents, findings, unread: read.unread };
}

/** Lists are read too: their items can be of any kind. */
function isReviewKind(apiVersion: string, kind: string): boolean {
  return kind.endsWith("List") || classifyObject(apiVersion, kind).type !== "skipped";
}

/** Where the first key that is a collection starts, if any. */
function collectionKeyOffset(doc: Document.Parsed): number | undefined {
  let offset: number | undefined;
  visit(doc, {
    Pair(_, pair) {
      if (isCollection(pair.key)) {
        offset = pair.key.range?.[0] ?? 0;
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return offset;
}

/** Parses as the `yaml` package does, unless only go-yaml's indentation leniency lets the file parse. */
function parseLikeKubectl(text: string): {
  docs: Document.Parsed[];
  source: string;
  lineCounter: LineCounter;
} {
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text, { ...YAML_OPTIONS, lineCounter });
  if (docs.every((doc) => doc.errors.length === 0)) return { docs, source: text, lineCounter };
  const indented = indentFlowContinuations(text);
  if (indented === undefined) return { docs, source: text, lineCounter };
  const retryCounter = new LineCounter();
  const retry = parseAllDocuments(indented, { ...YAML_OPTIONS, lineCounter: retryCounter });
  return retry.every((doc) => doc.errors.length === 0)
    ? { docs: retry, source: indented, lineCounter: retryCounter }
    : { docs, source: text, lineCounter };
}

function yamlErrorText(doc: Document.Parsed, error: YAMLError): string {
  if (error.code === "DUPLICATE_KEY") {
    const key = duplicateKeyAt(doc, error.pos[0]);
    return key === undefined ? "duplicate key" : `duplicate key ${quote(key)}`;
  }
  return `YAML syntax error: ${error.message}`;
}

function duplicateKeyAt(doc: Document.Parsed, offset: number): string | undefined {
  let key: string | undefined;
  visit(doc, {
    Pair(_, pair) {
      if (isScalar(pair.key) && pair.key.range?.[0] === offset) {
        key = String(pair.key.value);
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return key;
}
