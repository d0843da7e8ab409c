import { editDistance, typoTolerance } from "../../model/edit-distance.js";
import type { LabelSelector, Labels } from "../../model/labels.js";
import { describeSelector, selectorMatches } from "../../model/selector.js";
import { joinAnd } from "./describe.js";

const MAX_SUGGESTIONS = 3;

export interface CloseMatchOptions {
  /** The most edits a candidate may be from the target; default `typoTolerance(target)`. */
  readonly maxDistance?: number;
}

/**
 * The candidates that look like a typo of `target`: at most `maxDistance` edits away (a third
 * of the target's length by default), nearest first, then in code-point order; never `target`
 * itself, each once. Unrelated candidates are never returned, so an empty list means "no
 * suggestion", not "suggest anything".
 */
export function closeMatches(
  target: string,
  candidates: Iterable<string>,
  options: CloseMatchOptions = {},
): string[] {
  const maxDistance = options.maxDistance ?? typoTolerance(target);
  const scored = new Map<string, number>();
  for (const candidate of candidates) {
    if (candidate === target || scored.has(candidate)) continue;
    // Lengths differing by more than the budget cannot be within it: skip the table.
    if (Math.abs(candidate.length - target.length) > maxDistance) continue;
    const distance = editDistance(target, candidate);
    if (distance <= maxDistance) scored.set(candidate, distance);
  }
  return [...scored]
    .sort(([a, da], [b, db]) => da - db || (a < b ? -1 : a > b ? 1 : 0))
    .map(([candidate]) => candidate);
}

/**
 * Existing `key=value` labels that look like a typo of a wanted one: key and value each within
 * a few edits of the wanted key and value (`typoTolerance`), the nearest first. Nothing else: a
 * label that merely shares the key (`app=kserve` for `app=centraldashboard`) is not a
 * suggestion, it is noise.
 */
export function closestLabels(key: string, value: string, labelSets: Iterable<Labels>): string[] {
  const byText = new Map<string, number>();
  const keyBudget = typoTolerance(key);
  const valueBudget = typoTolerance(value);
  for (const labels of labelSets) {
    for (const [k, v] of Object.entries(labels)) {
      const text = `${k}=${v}`;
      if (byText.has(text) || (k === key && v === value)) continue;
      const dk = editDistance(key, k);
      if (dk > keyBudget) continue;
      const dv = editDistance(value, v);
      if (dv <= valueBudget) byText.set(text, dk + dv);
    }
  }
  let best = Number.POSITIVE_INFINITY;
  for (const distance of byText.values()) best = Math.min(best, distance);
  return [...byText]
    .filter(([, distance]) => distance === best)
    .map(([text]) => text)
    .sort()
    .slice(0, MAX_SUGGESTIONS);
}

/**
 * Suggestions for the equality requirements of `selector` (`app=web`, `tier in (a, b)`) that no
 * label set satisfies. Empty when every such requirement is satisfied by some label set (the
 * selector fails on a combination, or on a NotIn / Exists / DoesNotExist requirement).
 */
export function suggestForSelector(selector: LabelSelector, labelSets: readonly Labels[]): string[] {
  const out: string[] = [];
  for (const req of selector.requirements) {
    if (req.operator !== "In") continue;
    const satisfied = labelSets.some((labels) => {
      const value = labels[req.key];
      return value !== undefined && req.values.includes(value);
    });
    if (satisfied) continue;
    for (const value of req.values) out.push(...closestLabels(req.key, value, labelSets));
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

/**
 * The pods a selector does match outside the namespaces it was meant for (`covered`): when a
 * selector matches nothing where it applies but these exist, the usual mistake is the namespace
 * (a missing or wrong namespaceSelector, a policy in the wrong namespace), not the labels.
 */
export function podsElsewhere<T extends { readonly namespace: string; readonly labels: Labels }>(
  selector: LabelSelector,
  pods: readonly T[],
  covered: readonly string[],
): T[] {
  return pods.filter((pod) => !covered.includes(pod.namespace) && selectorMatches(selector, pod.labels));
}
