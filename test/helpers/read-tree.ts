import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";

/** Every file below `dir` as `{ path: content }`, sorted, `.git` left out: a commit for FakeGitHub. */
export function readTree(dir: string, prefix = ""): Record<string, string> {
  const files: Record<string, string> = {};
  for (const name of readdirSync(join(dir, prefix)).sort()) {
    if (name === ".git") continue;
    const path = prefix ? `${prefix}/${name}` : name;
    if (statSync(join(dir, path)).isDirectory()) Object.assign(files, readTree(dir, path));
    else files[path] = readFileSync(join(dir, path), "utf8");
  }
  return files;
}
