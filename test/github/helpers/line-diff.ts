/**
 * A unified diff of two texts with three lines of context, as GitHub's `patch` field shows it
 * (hunk headers and lines only, no file headers). LCS-based: fine for test-sized files.
 */
export function unifiedPatch(before: string, after: string): string {
  const a = lines(before);
  const b = lines(after);
  const ops = diffOps(a, b);
  const hunks: string[] = [];
  const CONTEXT = 3;
  let i = 0;
  while (i < ops.length) {
    if (ops[i]?.kind === "same") {
      i++;
      continue;
    }
    let start = i;
    let context = 0;
    while (start > 0 && ops[start - 1]?.kind === "same" && context < CONTEXT) {
      start--;
      context++;
    }
    let end = i;
    let sameRun = 0;
    while (end < ops.length) {
      if (ops[end]?.kind === "same") {
        sameRun++;
        if (sameRun > CONTEXT * 2) {
          sameRun--;
          break;
        }
      } else sameRun = 0;
      end++;
    }
    end -= Math.max(0, sameRun - CONTEXT);
    const slice = ops.slice(start, end);
    const first = slice[0];
    const oldStart = first?.oldLine ?? 1;
    const newStart = first?.newLine ?? 1;
    const oldCount = slice.filter((o) => o.kind !== "add").length;
    const newCount = slice.filter((o) => o.kind !== "del").length;
    hunks.push(
      `@@ -${oldCount === 0 ? oldStart - 1 : oldStart},${oldCount} +${newCount === 0 ? newStart - 1 : newStart},${newCount} @@`,
      ...slice.map((o) => `${o.kind === "add" ? "+" : o.kind === "del" ? "-" : " "}${o.text}`),
    );
    i = end;
  }
  return hunks.join("\n");
}

interface Op {
  readonly kind: "same" | "add" | "del";
  readonly text: string;
  /** 1-based line in the old text (for same/del) or where the op sits. */
  readonly oldLine: number;
  readonly newLine: number;
}

function lines(text: string): string[] {
  if (text === "") return [];
  return text.replace(/\n$/, "").split("\n");
}

function diffOps(a: readonly string[], b: readonly string[]): Op[] {
  const n = a.length;
  const m = b.length;
  const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--)
    for (let j = m - 1; j >= 0; j--)
      (lcs[i] as number[])[j] =
        a[i] === b[j]
          ? ((lcs[i + 1] as number[])[j + 1] as number) + 1
          : Math.max((lcs[i + 1] as number[])[j] as number, (lcs[i] as number[])[j + 1] as number);
  const ops: Op[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) {
      ops.push({ kind: "same", text: a[i] as string, oldLine: i + 1, newLine: j + 1 });
      i++;
      j++;
    } else if (
      j < m &&
      (i >= n || ((lcs[i] as number[])[j + 1] as number) > ((lcs[i + 1] as number[])[j] as number))
    ) {
      ops.push({ kind: "add", text: b[j] as string, oldLine: i + 1, newLine: j + 1 });
      j++;
    } else {
      ops.push({ kind: "del", text: a[i] as string, oldLine: i + 1, newLine: j + 1 });
      i++;
    }
  }
  return ops;
}
