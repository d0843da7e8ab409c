import { execFile, spawn } from "node:child_process";
import { promisify } from "node:util";
import { DEFAULT_MAX_FILE_BYTES } from "./file-size.js";
import { isManifestPath } from "./manifest-path.js";
import type { SourceFile } from "./source-file.js";

const run = promisify(execFile);

// A repository's config could name an fsmonitor program that git would run for us.
const GIT = ["-c", "core.fsmonitor=false"];
const MAX_LISTING_BYTES = 256 * 1024 * 1024;
const SYMLINK_MODE = "120000";

/** Whether `ref` names a commit in the repository around `cwd` (false outside a repository). */
export async function isGitRef(ref: string, cwd: string): Promise<boolean> {
  if (!isRefArgument(ref)) return false;
  try {
    await git(["rev-parse", "--verify", "--quiet", `${ref}^{commit}`], cwd);
    return true;
  } catch {
    return false;
  }
}

/**
 * Reads the manifests of the tree at `ref` without checking it out, limited to the subtree of
 * `cwd` with paths relative to it (what `git ls-tree` does in a subdirectory). Same extensions
 * and size limit as `readDirectory`; symbolic links and submodules are skipped.
 */
export async function readGitTree(
  ref: string,
  cwd: string,
  options: { maxFileBytes?: number } = {},
): Promise<SourceFile[]> {
  if (!isRefArgument(ref)) throw new Error(`${ref}: not a git ref`);
  const maxBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  let listing: Buffer;
  try {
    listing = await git(["ls-tree", "-r", "-z", "--long", ref], cwd);
  } catch (error) {
    throw new Error(`${ref}: cannot list the files at this git ref: ${gitErrorText(error)}`);
  }
  const blobs = parseTreeListing(listing)
    .filter((entry) => entry.type === "blob" && entry.mode !== SYMLINK_MODE && isManifestPath(entry.path))
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const contents = await readBlobs(
    [...new Set(blobs.filter((b) => b.size <= maxBytes).map((b) => b.oid))],
    cwd,
  );
  return blobs.map(({ path, size, oid }) => ({
    path,
    size,
    content: size > maxBytes ? null : (contents.get(oid) ?? null),
  }));
}

/** A leading `-` would be read as an option by git. */
function isRefArgument(ref: string): boolean {
  return ref !== "" && !ref.startsWith("-") && !ref.includes("\0");
}

interface TreeEntry {
  readonly mode: string;
  readonly type: string;
  readonly oid: string;
  readonly size: number;
  readonly path: string;
}

/** `<mode> <type> <oid> <size>\t<path>\0` records; trees and submodules have size `-`. */
function parseTreeListing(listing: Buffer): TreeEntry[] {
  const entries: TreeEntry[] = [];
  for (const record of listing.toString("utf8").split("\0")) {
    const tab = record.indexOf("\t");
    if (tab < 0) continue;
    const [mode = "", type = "", oid = "", size = ""] = record.slice(0, tab).trim().split(/\s+/);
    entries.push({ mode, type, oid, size: Number(size), path: record.slice(tab + 1) });
  }
  return entries;
}

/** Reads blobs through one `git cat-file --batch`, whose output is `<oid> <type> <size>\n<content>\n` per blob. */
async function readBlobs(oids: readonly string[], cwd: string): Promise<Map<string, string>> {
  const contents = new Map<string, string>();
  if (oids.length === 0) return contents;
  const output = await gitWithInput(["cat-file", "--batch"], `${oids.join("\n")}\n`, cwd);
  let offset = 0;
  while (offset < output.length) {
    const newline = output.indexOf(0x0a, offset);
    if (newline < 0) break;
    const [oid = "", type = "", size = ""] = output.subarray(offset, newline).toString("utf8").split(" ");
    offset = newline + 1;
    if (type === "missing") continue;
    const length = Number(size);
    contents.set(oid, output.subarray(offset, offset + length).toString("utf8"));
    offset += length + 1;
  }
  return contents;
}

async function git(args: readonly string[], cwd: string): Promise<Buffer> {
  const { stdout } = await run("git", [...GIT, ...args], {
    cwd,
    encoding: "buffer",
    maxBuffer: MAX_LISTING_BYTES,
  });
  return stdout;
}

function gitWithInput(args: readonly string[], input: string, cwd: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const child = spawn("git", [...GIT, ...args], { cwd, stdio: ["pipe", "pipe", "pipe"] });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => stderr.push(chunk));
    child.on("error", reject);
    child.on("close", (code) => {
      if (code === 0) resolve(Buffer.concat(stdout));
      else
        reject(new Error(`git ${args.join(" ")} failed: ${Buffer.concat(stderr).toString("utf8").trim()}`));
    });
    child.stdin.end(input);
  });
}

function gitErrorText(error: unknown): string {
  const stderr = (error as { stderr?: Buffer }).stderr?.toString("utf8").trim();
  if (stderr) return stderr;
  return error instanceof Error ? error.message : String(error);
}
