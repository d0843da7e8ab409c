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
