import type { ManifestTree } from "../model/tree.js";
import { contentWithinLimit, DEFAULT_MAX_FILE_BYTES } from "./file-size.js";
import { invalidManifest } from "./invalid-manifest.js";
import { kubernetesObjects } from "./kubernetes-objects.js";
import { loadObject } from "./load-object.js";
import { classifyObject } from "./object-kind.js";
import type { ParseCache } from "./parse-cache.js";
import type { SourceFile } from "./source-file.js";
import { TreeCollector } from "./tree-collector.js";
import { lfsPointerReason, unanalysedFile } from "./unanalysed-file.js";
import { type ParsedDocument, parseYamlFile } from "./yaml-documents.js";

export { DEFAULT_MAX_FILE_BYTES } from "./file-size.js";

export interface LoadOptions {
  /** Larger files are reported and not parsed. */
  readonly maxFileBytes?: number;
  /** Shared by the loads of one review (base and head), so that a file both hold is parsed once. */
  readonly cache?: ParseCache;
}

/**
 * Reads the Kubernetes objects of a set of YAML / JSON files into the model. Never throws: every
 * problem, down to a bug of ours in one document, becomes an `invalid-manifest` finding, and the
 * rest of the files are still loaded.
 */
export function loadManifests(files: readonly SourceFile[], options: LoadOptions = {}): ManifestTree {
  const into = new TreeCollector();
  loadFilesInto(files, into, options);
  return into.tree();
}

/** `loadManifests` into a tree that also holds other objects (a scope's rendered kustomizations). */
export function loadFilesInto(
  files: readonly SourceFile[],
  into: TreeCollector,
  options: LoadOptions = {},
): void {
  const maxBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  for (const file of files) {
    into.addFile(file.path);
    if (file.unreadable !== undefined) {
      into.addDiagnostic(unanalysedFile(file.path, file.unreadable));
      continue;
    }
    const read = contentWithinLimit(file, maxBytes);
    if ("finding" in read) {
      into.addDiagnostic(read.finding);
      continue;
    }
    const lfs = lfsPointerReason(read.content);
    if (lfs !== undefined) {
      into.addDiagnostic(unanalysedFile(file.path, lfs));
      continue;
    }
    let documents: readonly ParsedDocument[];
    try {
      const parsed = options.cache?.parse(file.path, read.content) ?? parseYamlFile(file.path, read.content);
      for (const finding of parsed.findings) into.addDiagnostic(finding);
      for (const { apiVersion, kind } of parsed.unread) {
        const category = classifyObject(apiVersion, kind);
        if (category.type === "skipped") into.skip(category.label);
      }
      documents = parsed.documents;
    } catch (error) {
      into.addDiagnostic(invalidManifest(file.path, 1, `file could not be parsed: ${errorText(error)}`));
      continue;
    }
    for (const document of documents) loadDocument(document, file.path, into);
  }
}

function loadDocument(document: ParsedDocument, file: string, into: TreeCollector): void {
  try {
    for (const object of kubernetesObjects(document.value))
      loadObject(object, file, document.positions, into);
  } catch (error) {
    const message = `unexpected error, the rest of this document is not loaded: ${errorText(error)}`;
    into.addDiagnostic(invalidManifest(file, document.positions.lineOf([]), message));
  }
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
