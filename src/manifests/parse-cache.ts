import { createHash } from "node:crypto";
import { LruCache } from "./lru-cache.js";
import { type ParsedFile, parseYamlFile } from "./yaml-documents.js";

/** Enough for two trees of kubeflow's size once unread kinds are left out; past it, the oldest go. */
const DEFAULT_MAX_CACHED_BYTES = 64 * 1024 * 1024;

/**
 * Parsed files by content, for one review or one CLI run: base and head share most files, and a
 * file both hold is parsed once. Keyed by a hash of the text, so a renamed or copied file is a
 * hit too (its findings are given its own path). Parsed documents are read only, so sharing
 * them is safe. Bounded by the size of the texts it holds; the least recently used go first.
 */
export class ParseCache {
  private readonly entries: LruCache<string, { parsed: ParsedFile; bytes: number }>;

  constructor(maxBytes = DEFAULT_MAX_CACHED_BYTES) {
    this.entries = new LruCache(maxBytes, (entry) => entry.bytes);
  }

  parse(file: string, text: string): ParsedFile {
    const key = createHash("sha256").update(text).digest("base64");
    const hit = this.entries.get(key);
    if (hit !== undefined) return withFile(hit.parsed, file);
    const parsed = parseYamlFile(file, text);
    this.entries.set(key, { parsed, bytes: text.length });
    return parsed;
  }
}

function withFile(parsed: ParsedFile, file: string): ParsedFile {
  if (parsed.findings.every((f) => f.file === file)) return parsed;
  return { ...parsed, findings: parsed.findings.map((f) => ({ ...f, file })) };
}
