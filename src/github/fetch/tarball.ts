import { Parser, type ReadEntry } from "tar";
import { ReviewError } from "../errors.js";

export interface TarballFile {
  /** Relative to the repository root (the archive's top directory removed). */
  readonly path: string;
  /** The entry's size in bytes, from its header. */
  readonly size: number;
  /** `null` for an entry larger than `maxEntryBytes`, whose content was skipped. */
  readonly content: Buffer | null;
}

export interface TarballLimits {
  /** Entries larger than this are listed with their size, their content skipped. */
  readonly maxEntryBytes: number;
  /** The content kept (of wanted entries) may add up to this much; past it, the read fails. */
  readonly maxKeptBytes: number;
}

const FILE_TYPES = new Set(["File", "OldFile", "ContiguousFile"]);
const GZIP_MAGIC = [0x1f, 0x8b];

/**
 * The regular files of a repository archive (`GET /repos/{owner}/{repo}/tarball/{ref}`: a gzip'd
 * tar whose entries sit under one `owner-repo-sha/` directory), keeping only those `wanted`
 * accepts. The archive is read as it arrives: node-tar's parser inflates the gzip stream itself
 * and every entry not wanted is skipped as it passes, so memory holds only what is kept. What is
 * kept is bounded (`maxKeptBytes`), not the archive: a large repository with few manifests
 * reads fine. Links, directories and other entry types are skipped: nothing outside the archive
 * is ever read.
 */
export async function readTarball(
  archive: Uint8Array | AsyncIterable<Uint8Array>,
  wanted: (path: string) => boolean,
  limits: TarballLimits,
): Promise<TarballFile[]> {
  const files: TarballFile[] = [];
  let kept = 0;
  let sawEntry = false;
  let failure: Error | undefined;
  const parser = new Parser({
    strict: true,
    onReadEntry(entry: ReadEntry) {
      sawEntry = true;
      const path = stripTopDirectory(entry.path);
      if (!FILE_TYPES.has(entry.type) || path === "" || !wanted(path)) {
        entry.resume();
        return;
      }
      if (entry.size > limits.maxEntryBytes) {
        files.push({ path, size: entry.size, content: null });
        entry.resume();
        return;
      }
      kept += entry.size;
      if (kept > limits.maxKeptBytes) {
        entry.resume();
        parser.abort(
          new ReviewError(
            `the manifests in the repository archive add up to more than ${megabytes(limits.maxKeptBytes)} (reading ${path}); narrow manifests.include in the configuration`,
          ),
        );
        return;
      }
      const chunks: Buffer[] = [];
      entry.on("data", (chunk: Buffer) => chunks.push(chunk));
      entry.on("end", () => files.push({ path, size: entry.size, content: Buffer.concat(chunks) }));
    },
  });
  const done = new Promise<void>((resolve, reject) => {
    parser.on("error", (error: Error) => {
      failure ??= error;
      reject(error);
    });
    parser.on("close", () => resolve());
  });
  // Kept from rejecting unhandled while the archive is still being written.
  done.catch(() => undefined);

  let first = true;
  for await (const chunk of typeof (archive as AsyncIterable<Uint8Array>)[Symbol.asyncIterator] === "function"
    ? (archive as AsyncIterable<Uint8Array>)
    : [archive as Uint8Array]) {
    if (failure) break;
    if (first && chunk.byteLength > 0) {
      first = false;
      if (chunk[0] !== GZIP_MAGIC[0] || (chunk.byteLength > 1 && chunk[1] !== GZIP_MAGIC[1]))
        throw new ReviewError("the repository archive is not a gzip'd tar file");
    }
    parser.write(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
  }
  if (first) throw new ReviewError("the repository archive is empty");
  if (!failure) parser.end();
  try {
    await done;
  } catch (error) {
    // An archive of nothing but end-of-archive blocks holds no file, which node-tar's strict
    // mode calls an unrecognised format.
    if (!sawEntry && (error as { code?: string }).code === "TAR_BAD_ARCHIVE") return [];
    if (error instanceof ReviewError) throw error;
    throw new ReviewError(`cannot read the repository archive: ${(error as Error).message}`);
  }
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

function stripTopDirectory(name: string): string {
  const slash = name.indexOf("/");
  return slash < 0 ? "" : name.slice(slash + 1);
}

function megabytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round(bytes / (1024 * 1024))} MB`;
  return bytes >= 1024 ? `${Math.round(bytes / 1024)} KB` : `${bytes} bytes`;
}
