/**
 * The head-side line numbers a unified diff shows (added and context lines): the lines a review
 * comment can be attached to with `side: RIGHT`.
 */
export function rightSideLines(patch: string): Set<number> {
  const lines = new Set<number>();
  let next = 0;
  let inHunk = false;
  for (const line of patch.split("\n")) {
    const hunk = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,\d+)? @@/.exec(line);
    if (hunk) {
      next = Number(hunk[1]);
      inHunk = true;
      continue;
    }
    if (!inHunk) continue;
    if (line.startsWith("+") || line.startsWith(" ")) lines.add(next++);
    // "-" lines exist only at the base; "\ No newline at end of file" is no line at all.
  }
  return lines;
}
