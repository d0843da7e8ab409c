import picomatch from "picomatch";
import type { Config } from "./schema.js";

/**
 * Whether a repository path is a manifest under the configuration: matched by an `include` glob
 * and by no `exclude` glob. Globs see dot files and directories (`.k8s/**` works).
 */
export function manifestMatcher(manifests: Config["manifests"]): (path: string) => boolean {
  const include = picomatch([...manifests.include], { dot: true });
  const exclude =
    manifests.exclude.length > 0 ? picomatch([...manifests.exclude], { dot: true }) : () => false;
  return (path) => include(path) && !exclude(path);
}

/** Which repository paths the manifest globs select, and which directories may hold some. */
export interface ManifestPaths {
  readonly isManifest: (path: string) => boolean;
  /**
   * False only when no path under `directory` can be a manifest: an `include` glob's leading
   * segments do not match it, or an `exclude` glob drops the whole directory (`charts/**`). Used
   * to skip directories when a tree is listed directory by directory.
   */
  readonly mayHoldManifests: (directory: string) => boolean;
}

export function manifestPaths(manifests: Config["manifests"]): ManifestPaths {
  const includes = manifests.include.map(globPrefixMatcher);
  const excludeAll =
    manifests.exclude.length > 0 ? picomatch([...manifests.exclude], { dot: true }) : () => false;
  return {
    isManifest: manifestMatcher(manifests),
    mayHoldManifests: (directory) =>
      !excludeAll(`${directory}/**`) && includes.some((mayMatchUnder) => mayMatchUnder(directory)),
  };
}

/**
 * Whether some path under `directory` may match `glob`: the directory's segments, one by one,
 * against the glob's leading segments (`**` matches any depth). A glob whose braces or
 * parentheses hold a `/` cannot be split into segments: it is assumed to match anywhere.
 */
function globPrefixMatcher(glob: string): (directory: string) => boolean {
  if (/[{(][^})]*\//.test(glob)) return () => true;
  const segments = glob.replace(/^\.\//, "").split("/");
  const matchers = segments.map((segment) => (segment === "**" ? null : picomatch(segment, { dot: true })));
  return (directory) => {
    const parts = directory.split("/");
    for (let i = 0; i < parts.length; i++) {
      if (i >= matchers.length - 1) return false; // the glob's last segment names files, not directories
      const matcher = matchers[i];
      if (matcher === null) return true;
      if (matcher === undefined) return false;
      if (!matcher(parts[i] as string)) return false;
    }
    return true;
  };
}
