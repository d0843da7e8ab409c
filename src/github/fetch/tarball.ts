import { gunzipSync } from "node:zlib";

export interface TarballFile {
  /** Relative to the repository root (the archive's top directory removed). */
  readonly path: string;
  readonly content: Buffer;
}

const BLOCK = 512;

/**
 * The regular files of a repository archive (`GET /repos/{owner}/{repo}/tarball/{ref}`: a gzip'd
 * tar whose entries sit under one `owner-repo-sha/` directory), keeping only those `wanted`
 * accepts. Understands ustar names with prefix, pax extended headers and GNU long names;
 * symbolic links, directories and other entry types are skipped.
 */
export function readTarball(
  archive: Uint8Array,
  wanted: (path: string) => boolean,
  maxUncompressedBytes: number,
): TarballFile[] {
  const tar = gunzipSync(archive, { maxOutputLength: maxUncompressedBytes });
  const files: TarballFile[] = [];
  let offset = 0;
  // Extended headers (pax `x`, GNU `L`) describe the entry that follows them.
  let pending: { path?: string; size?: number } = {};
  while (offset + BLOCK <= tar.length) {
    const header = tar.subarray(offset, offset + BLOCK);
    if (header.every((byte) => byte === 0)) break;
    const type = String.fromCharCode(header[156] ?? 0);
    const extended = type === "x" || type === "g" || type === "L";
    const size = extended ? headerSize(header) : (pending.size ?? headerSize(header));
    const dataStart = offset + BLOCK;
    const data = tar.subarray(dataStart, dataStart + size);
    offset = dataStart + Math.ceil(size / BLOCK) * BLOCK;
    if (type === "x") {
      pending = { ...pending, ...paxRecords(data) };
      continue;
    }
    // Global headers carry the commit id (GitHub) and nothing a file needs.
    if (type === "g") continue;
    if (type === "L") {
      pending = { ...pending, path: cString(data) };
      continue;
    }
    const name = pending.path ?? headerName(header);
    pending = {};
    if (type !== "0" && type !== "\0" && type !== "7") continue;
    const path = stripTopDirectory(name);
    if (path !== "" && wanted(path)) files.push({ path, content: Buffer.from(data) });
  }
  return files;
}

function headerName(header: Buffer): string {
  const name = cString(header.subarray(0, 100));
  const ustar = header.subarray(257, 262).toString("latin1") === "ustar";
  const prefix = ustar ? cString(header.subarray(345, 500)) : "";
  return prefix === "" ? name : `${prefix}/${name}`;
}

/** Octal digits, or GNU base-256 (high bit set) for sizes past 8 GB. */
function headerSize(header: Buffer): number {
  const field = header.subarray(124, 136);
  if (((field[0] ?? 0) & 0x80) !== 0) {
    let value = 0;
    for (let i = 1; i < field.length; i++) value = value * 256 + (field[i] ?? 0);
    return value;
  }
  const text = cString(field).trim();
  return text === "" ? 0 : Number.parseInt(text, 8);
}

/** `<length> <key>=<value>\n` records. */
function paxRecords(data: Buffer): { path?: string; size?: number } {
  const out: { path?: string; size?: number } = {};
  let offset = 0;
  while (offset < data.length) {
    const space = data.indexOf(0x20, offset);
    if (space < 0) break;
    const length = Number.parseInt(data.subarray(offset, space).toString("latin1"), 10);
    if (!Number.isFinite(length) || length <= 0) break;
    const record = data.subarray(space + 1, offset + length - 1).toString("utf8");
    const equals = record.indexOf("=");
    const key = record.slice(0, equals);
    const value = record.slice(equals + 1);
    if (key === "path") out.path = value;
    if (key === "size") out.size = Number.parseInt(value, 10);
    offset += length;
  }
  return out;
}

function cString(bytes: Buffer): string {
  const end = bytes.indexOf(0);
  return bytes.subarray(0, end < 0 ? bytes.length : end).toString("utf8");
}

function stripTopDirectory(name: string): string {
  const slash = name.indexOf("/");
  return slash < 0 ? "" : name.slice(slash + 1);
}
