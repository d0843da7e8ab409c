import type { SourceFile } from "../source-file.js";

/** The names `kustomize build <dir>` looks for, in its order; a directory with two of them is an error. */
export const KUSTOMIZATION_FILE_NAMES = ["kustomization.yaml", "kustomization.yml", "Kustomization"];

export function isKustomizationFile(path: string): boolean {
  const name = path.slice(path.lastIndexOf("/") + 1);
  return KUSTOMIZATION_FILE_NAMES.includes(name);
}

/** All files of one repository snapshot, repo-relative POSIX paths (what read-dir / read-git / the GitHub fetch already provide as SourceFile[]). */
export interface RepositoryFiles {
  get(path: string): SourceFile | undefined;
  paths(): readonly string[];
}

/** Directories are known from the files below them (a repository snapshot holds no empty directory). */
export interface RepositoryTree extends RepositoryFiles {
  isDirectory(path: string): boolean;
  /** The files directly in `dir` (not below it), sorted. */
  filesIn(dir: string): readonly string[];
}

export function repositoryFiles(files: readonly SourceFile[]): RepositoryFiles {
  const byPath = new Map(files.map((file) => [file.path, file]));
  const paths = [...byPath.keys()].sort();
  return { get: (path) => byPath.get(path), paths: () => paths };
}

// One snapshot is rendered once per kustomization root: its directory index is built once.
const trees = new WeakMap<RepositoryFiles, RepositoryTree>();

/** Adds the directory questions a render asks, answered from one pass over the paths. */
export function repositoryTree(files: RepositoryFiles): RepositoryTree {
  let tree = trees.get(files);
  if (!tree) {
    tree = indexDirectories(files);
    trees.set(files, tree);
  }
  return tree;
}

function indexDirectories(files: RepositoryFiles): RepositoryTree {
  const children = new Map<string, string[]>();
  const directories = new Set<string>([""]);
  for (const path of files.paths()) {
    const dir = parentDirectory(path);
    const list = children.get(dir);
    if (list) list.push(path);
    else children.set(dir, [path]);
    for (let d = dir; d !== "" && !directories.has(d); d = parentDirectory(d)) directories.add(d);
  }
  for (const list of children.values()) list.sort();
  return {
    get: (path) => files.get(path),
    paths: () => files.paths(),
    isDirectory: (path) => directories.has(path),
    filesIn: (dir) => children.get(dir) ?? [],
  };
}

export function parentDirectory(path: string): string {
  const slash = path.lastIndexOf("/");
  return slash < 0 ? "" : path.slice(0, slash);
}

/**
 * `relative` resolved against the repository directory `dir`, or `undefined` when it leaves the
 * repository (`../../..` above the root, or an absolute path).
 */
export function resolveRepoPath(dir: string, relative: string): string | undefined {
  if (relative.startsWith("/")) return undefined;
  const parts = dir === "" ? [] : dir.split("/");
  for (const part of relative.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") {
      if (parts.length === 0) return undefined;
      parts.pop();
    } else parts.push(part);
  }
  return parts.join("/");
}
