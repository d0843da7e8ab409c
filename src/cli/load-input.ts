import { stat } from "node:fs/promises";
import { resolve } from "node:path";
import { loadManifests } from "../manifests/load.js";
import { readDirectory } from "../manifests/read-dir.js";
import { isGitRef, readGitTree } from "../manifests/read-git.js";
import type { ManifestTree } from "../model/tree.js";
import { UsageError } from "./io.js";

export interface LoadedInput {
  /** As the user wrote it: the prefix for file names in messages. */
  readonly name: string;
  readonly tree: ManifestTree;
}

/** A path on disk wins over a git ref of the same name, as with git's own `--` disambiguation. */
export async function loadInput(arg: string, cwd: string): Promise<LoadedInput> {
  const path = resolve(cwd, arg);
  if (await exists(path)) return { name: arg, tree: loadManifests(await readDirectory(path)) };
  if (await isGitRef(arg, cwd)) return { name: arg, tree: loadManifests(await readGitTree(arg, cwd)) };
  throw new UsageError(`${arg}: no such file or directory, and not a git ref here`);
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}
