import { closeSync, constants, fstatSync, openSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { DEFAULT_MAX_FILE_BYTES } from "./file-size.js";
import type { RepositoryFiles } from "./kustomize/repository-files.js";
import { listPaths } from "./read-dir.js";
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
  const paths = await listPaths(root, "", () => true);
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
