import { stat } from "node:fs/promises";
import { dirname, relative, resolve, sep } from "node:path";
import { manifestMatcher } from "../config/globs.js";
import type { Config } from "../config/schema.js";
import { readDirectory } from "../manifests/read-dir.js";
import { isGitRef, readGitTree } from "../manifests/read-git.js";
import type { SourceFile } from "../manifests/source-file.js";
import { gitRoot } from "./git-root.js";
import { UsageError } from "./io.js";

export interface LoadedInput {
  /** As the user wrote it: what the review calls this side. */
  readonly label: string;
  /** The prefix of file names in messages: the directory given, a file's directory, `""` for a git ref. */
  readonly name: string;
  /** The manifests, relative to `name`, filtered by the configuration's `manifests` globs. */
  readonly files: readonly SourceFile[];
  /** Where the files' root lies in the repository (`deploy/`), for the configuration's globs. */
  readonly prefix: string;
  /** `<ref>:<path>`: only the scopes reading files below `path`. */
  readonly under?: string;
}

/** An argument resolved to what it names, before anything is read. */
export interface LocatedInput {
  readonly label: string;
  /** Where `.github/netpol-review.yml` is looked for: the git root, else the directory itself. */
  readonly configRoot: string;
  read(config: Config): Promise<LoadedInput>;
}

/**
 * A path on disk (a directory, or one file) wins over a git ref of the same name, as with git's
 * own `--` disambiguation. A git ref reads the whole repository at that commit, so that a
 * kustomization's `../base` is there; `<ref>:<path>` keeps the scopes that read files below
 * `path` (and plain manifests below it).
 */
export async function locateInput(arg: string, cwd: string): Promise<LocatedInput> {
  const path = resolve(cwd, arg);
  const info = await stat(path).catch(() => undefined);
  if (info) {
    const dir = info.isFile() ? dirname(path) : path;
    const top = await gitRoot(dir);
    const fromTop = top === undefined ? "" : relative(top, dir).split(sep).join("/");
    const prefix = fromTop === "" || fromTop.startsWith("..") ? "" : `${fromTop}/`;
    // A file is read as `<its name>`: messages name it through its directory, once.
    const name = info.isFile() ? fileDirectory(arg) : arg;
    return {
      label: arg,
      configRoot: top ?? dir,
      read: async (config) => {
        const files = await readDirectory(path);
        const isManifest = manifestMatcher(config.manifests);
        // A file named on the command line is read whatever the globs say.
        return {
          label: arg,
          name,
          prefix,
          files: info.isFile() ? files : files.filter((f) => isManifest(`${prefix}${f.path}`)),
        };
      },
    };
  }
  const { ref, under } = splitRef(arg);
  const top = await gitRoot(cwd);
  if (top !== undefined && (await isGitRef(ref, cwd))) {
    return {
      label: arg,
      configRoot: top,
      read: async (config) => {
        const isManifest = manifestMatcher(config.manifests);
        const files = (await readGitTree(ref, top)).filter((f) => isManifest(f.path));
        return { label: arg, name: "", prefix: "", files, ...(under !== undefined ? { under } : {}) };
      },
    };
  }
  throw new UsageError(`${arg}: no such file or directory, and not a git ref here`);
}

/** `main:deploy/prod` → ref `main`, path `deploy/prod` (git's own `<rev>:<path>` syntax). */
function splitRef(arg: string): { ref: string; under?: string } {
  const colon = arg.indexOf(":");
  if (colon <= 0) return { ref: arg };
  const under = arg.slice(colon + 1).replace(/^\.?\/+|\/+$/g, "");
  return { ref: arg.slice(0, colon), ...(under !== "" && under !== "." ? { under } : {}) };
}

function fileDirectory(arg: string): string {
  const dir = dirname(arg);
  return dir === "." ? "" : dir;
}
