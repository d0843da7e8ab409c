import { gunzipSync } from "node:zlib";
import { Parser, type ReadEntry } from "tar";

export interface TarballFile {
  /** Relative to the repository root (the archive's top directory removed). */
  readonly path: string;
  readonly content: Buffer;
}

const FILE_TYPES = new Set(["File", "OldFile", "ContiguousFile"]);

/**
 * The regular files of a repository archive (`GET /repos/{owner}/{repo}/tarball/{ref}`: a gzip'd
 * tar whose entries sit under one `owner-repo-sha/` directory), keeping only those `wanted`
 * accepts. Decompression is bounded first (an archive cannot expand past the limit); node-tar
 * parses the entries (ustar, pax and GNU long names) synchronously from the buffer. Links,
 * directories and other entry types are skipped: nothing outside the archive is ever read.
 */
export function readTarball(
  archive: Uint8Array,
  wanted: (path: string) => boolean,
  maxUncompressedBytes: number,
): TarballFile[] {
  const tar = gunzipSync(archive, { maxOutputLength: maxUncompressedBytes });
  const files: TarballFile[] = [];
  // An archive of nothing is only end-of-archive blocks, which node-tar's strict mode rejects.
  if (tar.every((byte) => byte === 0)) return files;
  const parser = new Parser({
    strict: true,
    onReadEntry(entry: ReadEntry) {
      const path = stripTopDirectory(entry.path);
      if (!FILE_TYPES.has(entry.type) || path === "" || !wanted(path)) {
        entry.resume();
        return;
      }
      const chunks: Buffer[] = [];
      entry.on("data", (chunk: Buffer) => chunks.push(chunk));
      entry.on("end", () => files.push({ path, content: Buffer.concat(chunks) }));
    },
  });
  parser.on("error", (error: Error) => {
    throw error;
  });
  parser.end(tar);
  return files;
}

function stripTopDirectory(name: string): string {
  const slash = name.indexOf("/");
  return slash < 0 ? "" : name.slice(slash + 1);
}
