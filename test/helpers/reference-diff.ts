import type { ReachDiff } from "../../src/analysis/diff.js";
import type { Connection } from "../../src/analysis/reach.js";
import { referenceConnection, referencePairs } from "./reference-evaluator.js";

/** Opened or closed pairs as sorted `src => dst : ports` lines. */
export function pairLines(list: readonly Connection[]): string[] {
  return list.map((c) => `${c.src.id} => ${c.dst.id} : ${c.ports}`).sort();
}

/**
 * The opened and closed pairs a diff must report: the pairwise difference of the reference
 * evaluation of both trees over the union of their endpoints (an endpoint missing on one side
 * has no traffic there).
 */
export function referenceDiff(diff: ReachDiff): { opened: string[]; closed: string[] } {
  const side = (analysis: ReachDiff["base"]) => {
    const byId = new Map(analysis.endpoints.map((e) => [e.id, e]));
    return (s: string, d: string) => {
      const src = byId.get(s);
      const dst = byId.get(d);
      return src && dst ? referenceConnection(analysis, src, dst) : undefined;
    };
  };
  const before = side(diff.base);
  const after = side(diff.head);
  const opened: string[] = [];
  const closed: string[] = [];
  for (const [{ id: s }, { id: d }] of referencePairs(diff.endpoints)) {
    const b = before(s, d);
    const h = after(s, d);
    const bSet = b ?? h?.subtract(h);
    const hSet = h ?? b?.subtract(b);
    if (!bSet || !hSet) continue;
    const gained = hSet.subtract(bSet);
    const lost = bSet.subtract(hSet);
    if (!gained.isEmpty()) opened.push(`${s} => ${d} : ${gained}`);
    if (!lost.isEmpty()) closed.push(`${s} => ${d} : ${lost}`);
  }
  return { opened: opened.sort(), closed: closed.sort() };
}
