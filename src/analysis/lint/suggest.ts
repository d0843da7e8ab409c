import { editDistance, typoTolerance as tolerance } from "../../model/edit-distance.js";
import type { LabelSelector, Labels } from "../../model/labels.js";
import { describeSelector, selectorMatches } from "../../model/selector.js";
import { joinAnd } from "./describe.js";

export { editDistance };

const MAX_SUGGESTIONS = 3;

interface Scored {
  readonly key: string;
  readonly text: string;
  readonly distance: number;
  readonly close: boolean;
}

/**
 * Existing `key=value` labels close to a wanted one: those whose key and value are each within
 * a few edits of the wanted key and value (a typo in either), the nearest first; failing that,
 * when `sameKey` is set, the values the wanted key does carry (the label exists, the value is
 * not one in use).
 */
export function closestLabels(
  key: string,
  value: string,
  labelSets: Iterable<Labels>,
  sameKey: boolean,
): string[] {
  const seen = new Set<string>();
  const scored: Scored[] = [];
  for (const labels of labelSets) {
    for (const [k, v] of Object.entries(labels)) {
      const text = `${k}=${v}`;
      if (seen.has(text) || (k === key && v === value)) continue;
      seen.add(text);
      const dk = editDistance(key, k);
      const dv = editDistance(value, v);
      scored.push({ key: k, text, distance: dk + dv, close: dk <= tolerance(key) && dv <= tolerance(value) });
    }
  }
  scored.sort((a, b) => a.distance - b.distance || (a.text < b.text ? -1 : a.text > b.text ? 1 : 0));
  const close = scored.filter((c) => c.close);
  const best = close[0]?.distance;
  if (best !== undefined) {
    return close
      .filter((c) => c.distance === best)
      .slice(0, MAX_SUGGESTIONS)
      .map((c) => c.text);
  }
  if (!sameKey) return [];
  return scored
    .filter((c) => c.key === key)
    .slice(0, MAX_SUGGESTIONS)
    .map((c) => c.text);
}

/**
 * Suggestions for the equality requirements of `selector` (`app=web`, `tier in (a, b)`) that no
 * label set satisfies. Empty when every such requirement is satisfied by some label set (the
 * selector fails on a combination, or on a NotIn / Exists / DoesNotExist requirement).
 */
export function suggestForSelector(
  selector: LabelSelector,
  labelSets: readonly Labels[],
  sameKey: boolean,
): string[] {
  const out: string[] = [];
  for (const req of selector.requirements) {
    if (req.operator !== "In") continue;
    const satisfied = labelSets.some((labels) => {
      const value = labels[req.key];
      return value !== undefined && req.values.includes(value);
    });
    if (satisfied) continue;
    for (const value of req.values) out.push(...closestLabels(req.key, value, labelSets, sameKey));
  }
  return [...new Set(out)].slice(0, MAX_SUGGESTIONS);
}

/** `did you mean app=frontend?` / `did you mean tier=api or tier=frontend?`; empty without suggestions. */
export function didYouMean(suggestions: readonly string[]): string {
  return suggestions.length === 0 ? "" : `did you mean ${joinAnd(suggestions, "or")}?`;
}

/**
 * When no requirement alone is the problem: the pod that satisfies the most requirements of
 * `selector`, and what it misses (`Deployment shop/web matches all but tier=db`). Empty when no
 * pod satisfies any requirement.
 */
export function nearMiss(
  selector: LabelSelector,
  pods: readonly { readonly object: string; readonly labels: Labels }[],
): string {
  let best: { object: string; missing: string[]; met: number } | undefined;
  for (const pod of [...pods].sort((a, b) => (a.object < b.object ? -1 : a.object > b.object ? 1 : 0))) {
    const missing = selector.requirements
      .filter((req) => !selectorMatches({ requirements: [req] }, pod.labels))
      .map((req) => describeSelector({ requirements: [req] }));
    const met = selector.requirements.length - missing.length;
    if (met > 0 && (!best || met > best.met)) best = { object: pod.object, missing, met };
  }
  if (!best) return "";
  return `${best.object} matches all but ${joinAnd(best.missing)}`;
}
