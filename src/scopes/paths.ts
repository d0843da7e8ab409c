/** `a/b/c.yaml` → `a/b`; a file at the root → `.`. */
export function dirOf(path: string): string {
  const slash = path.lastIndexOf("/");
  return slash < 0 ? "." : path.slice(0, slash);
}

/** Whether `path` is `dir` or below it (`.` holds everything). */
export function isUnder(path: string, dir: string): boolean {
  return dir === "." || path === dir || path.startsWith(`${dir}/`);
}

/** The deepest directory holding every path (`.` when they share none). */
export function commonDir(paths: readonly string[]): string {
  if (paths.length === 0) return ".";
  let parts = dirOf(paths[0] as string).split("/");
  for (const path of paths) {
    const other = dirOf(path).split("/");
    let n = 0;
    while (n < parts.length && parts[n] === other[n]) n++;
    parts = parts.slice(0, n);
  }
  return parts.length === 0 || parts[0] === "." ? "." : parts.join("/");
}
