import type { SourceFile } from "../manifests/source-file.js";

/**
 * The paths whose content differs between two snapshots, or that exist in one only. A file too
 * large to be read cannot be proved unchanged, so it counts as changed: reviewing one scope too
 * many is safe, missing one is not.
 */
export function changedPaths(base: readonly SourceFile[], head: readonly SourceFile[]): Set<string> {
  const before = new Map(base.map((f) => [f.path, f]));
  const changed = new Set<string>();
  for (const file of head) {
    const old = before.get(file.path);
    if (!old || old.size !== file.size || old.content === null || old.content !== file.content)
      changed.add(file.path);
    before.delete(file.path);
  }
  for (const path of before.keys()) changed.add(path);
  return changed;
}
