import type { Finding } from "../model/finding.js";
import { invalidManifest } from "./invalid-manifest.js";
import type { SourceFile } from "./source-file.js";

export const DEFAULT_MAX_FILE_BYTES = 5 * 1024 * 1024;

const KB = 1024;
const MB = 1024 * 1024;

/**
 * The file's text, or a finding when it was not read or is over the limit: a bigger file is not a
 * manifest anyone reviews, and parsing it would cost more than the whole review.
 */
export function contentWithinLimit(
  file: SourceFile,
  maxBytes: number,
): { content: string } | { finding: Finding } {
  const size = file.content === null ? file.size : Buffer.byteLength(file.content, "utf8");
  if (size > maxBytes) {
    const [shown, limit] = sizesThatDiffer(size, maxBytes);
    return {
      finding: invalidManifest(file.path, 1, `file is ${shown}, larger than the ${limit} limit; not read`),
    };
  }
  if (file.content === null)
    return { finding: invalidManifest(file.path, 1, "file content is not available; not read") };
  return { content: file.content };
}

// Rounded sizes can print the same ("5 MB, larger than the 5 MB limit"); exact bytes then.
function sizesThatDiffer(size: number, limit: number): [string, string] {
  const a = formatBytes(size);
  const b = formatBytes(limit);
  return a === b ? [`${size} bytes`, `${limit} bytes`] : [a, b];
}

function formatBytes(bytes: number): string {
  if (bytes >= MB) return `${oneDecimal(bytes / MB)} MB`;
  if (bytes >= KB) return `${oneDecimal(bytes / KB)} KB`;
  return `${bytes} bytes`;
}

function oneDecimal(value: number): string {
  return String(Math.round(value * 10) / 10);
}
