import { constants } from "node:fs";
import { open, readdir, stat } from "node:fs/promises";
import { basename, join } from "node:path";
import { DEFAULT_MAX_FILE_BYTES } from "./file-size.js";
import { isManifestPath } from "./manifest-path.js";
import type { SourceFile } from "./source-file.js";

/**
 * Reads `root` (a file, or a directory searched recursively for `.yaml`, `.yml` and `.json`),
 * sorted by path. Hidden directories and `node_modules` are skipped, and symbolic links below the
 * root are never followed, so a repository cannot make us read files outside it. Paths are
 * relative to the directory: a single file's path is its name, relative to its own directory.
 */
export async function readDirectory(
  root: string,
  options: { maxFileBytes?: number } = {},
): Promise<SourceFile[]> {
  const maxBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const rootStat = await stat(root).catch(() => undefined);
  if (rootStat === undefined) throw new Error(`${root}: no such file or directory`);
  // The root itself was named by the user, so a link there is followed.
  if (rootStat.isFile()) return [await readSourceFile(root, basename(root), maxBytes, 0)];
  if (!rootStat.isDirectory()) throw new Error(`${root}: not a file or a directory`);
  const paths = await listPaths(root, "", isManifestPath);
  paths.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const files: SourceFile[] = [];
  for (const path of paths) files.push(await readSourceFile(join(root, path), path, maxBytes, NO_FOLLOW));
  return files;
}

// Also refuses a file that became a link after the directory was listed.
const NO_FOLLOW = constants.O_NOFOLLOW ?? 0;

/**
 * Paths below `root/relative` of the files whose name `accept` takes. Hidden directories and
 * `node_modules` are skipped, and symbolic links never followed.
 */
export async function listPaths(
  root: string,
  relative: string,
  accept: (name: string) => boolean,
): Promise<string[]> {
  const entries = await readdir(join(root, relative), { withFileTypes: true });
  const paths: string[] = [];
  for (const entry of entries) {
    const path = relative === "" ? entry.name : `${relative}/${entry.name}`;
    if (entry.isDirectory()) {
      if (!entry.name.startsWith(".") && entry.name !== "node_modules")
        paths.push(...(await listPaths(root, path, accept)));
    } else if (entry.isFile() && accept(entry.name)) {
      paths.push(path);
    }
  }
  return paths;
}

async function readSourceFile(
  absolute: string,
  path: string,
  maxBytes: number,
  flags: number,
): Promise<SourceFile> {
  const handle = await open(absolute, constants.O_RDONLY | flags);
  try {
    const { size } = await handle.stat();
    return { path, size, content: size > maxBytes ? null : await handle.readFile("utf8") };
  } finally {
    await handle.close();
  }
}
