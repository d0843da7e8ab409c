import { closeSync, constants, fstatSync, openSync, readFileSync } from "node:fs";
import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { DEFAULT_MAX_FILE_BYTES } from "./file-size.js";
import type { RepositoryFiles } from "./kustomize/repository-files.js";
import type { SourceFile } from "./source-file.js";

/**
 * Every file below `root` (any name: kustomize reads `Kustomization`, `.env` and `.properties`
 * files too), listed now and read only when a render asks for it. Hidden directories and
 * `node_modules` are skipped and symbolic links never followed, as in `readDirectory`.
 */
export async function readRepository(
  root: string,
  options: { maxFileBytes?: number } = {},
): Promise<RepositoryFiles> {
  const maxBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const paths = await listFiles(root, "");
  paths.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const known = new Set(paths);
  const read = new Map<string, SourceFile>();
  return {
    paths: () => paths,
    get(path) {
      if (!known.has(path)) return undefined;
      let file = read.get(path);
      if (!file) {
        file = readOne(join(root, path), path, maxBytes);
        read.set(path, file);
      }
      return file;
    },
  };
}

async function listFiles(root: string, relative: string): Promise<string[]> {
  const entries = await readdir(join(root, relative), { withFileTypes: true });
  const paths: string[] = [];
  for (const entry of entries) {
    const path = relative === "" ? entry.name : `${relative}/${entry.name}`;
    if (entry.isDirectory()) {
      if (!entry.name.startsWith(".") && entry.name !== "node_modules")
        paths.push(...(await listFiles(root, path)));
    } else if (entry.isFile()) paths.push(path);
  }
  return paths;
}

// Refuses a file that became a link after the directory was listed.
const NO_FOLLOW = constants.O_NOFOLLOW ?? 0;

function readOne(absolute: string, path: string, maxBytes: number): SourceFile {
  let fd: number | undefined;
  try {
    fd = openSync(absolute, constants.O_RDONLY | NO_FOLLOW);
    const { size } = fstatSync(fd);
    return { path, size, content: size > maxBytes ? null : readFileSync(fd, "utf8") };
  } catch {
    return { path, size: 0, content: null };
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
