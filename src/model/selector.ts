import type { LabelSelector, Labels, SelectorRequirement } from "./labels.js";

export const MATCH_ALL: LabelSelector = { requirements: [] };

/**
 * Builds the canonical form of `matchLabels` + `matchExpressions`: one requirement per
 * (key, operator, values), values sorted, requirements sorted, so equal meaning gives equal keys.
 */
export function makeSelector(
  matchLabels: Labels | undefined,
  matchExpressions: readonly SelectorRequirement[] | undefined,
): LabelSelector {
  const byKey = new Map<string, SelectorRequirement>();
  const add = (req: SelectorRequirement): void => {
    const values = [...new Set(req.values)].sort();
    const normalised = { key: req.key, operator: req.operator, values };
    byKey.set(requirementKey(normalised), normalised);
  };
  for (const [key, value] of Object.entries(matchLabels ?? {})) add({ key, operator: "In", values: [value] });
  for (const req of matchExpressions ?? []) add(req);
  const requirements = [...byKey.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, r]) => r);
  return { requirements };
}

function requirementKey(req: SelectorRequirement): string {
  return JSON.stringify([req.key, req.operator, req.values]);
}

/** A string that is equal for two selectors exactly when their canonical forms are equal. */
export function selectorKey(selector: LabelSelector): string {
  return JSON.stringify(selector.requirements.map((r) => [r.key, r.operator, r.values]));
}

export function isMatchAll(selector: LabelSelector): boolean {
  return selector.requirements.length === 0;
}

/** Kubernetes label selector semantics: every requirement must hold; `NotIn` holds when the key is absent. */
export function selectorMatches(selector: LabelSelector, labels: Labels): boolean {
  for (const req of selector.requirements) {
    const has = Object.hasOwn(labels, req.key);
    switch (req.operator) {
      case "In":
        if (!has || !req.values.includes(labels[req.key] as string)) return false;
        break;
      case "NotIn":
        if (has && req.values.includes(labels[req.key] as string)) return false;
        break;
      case "Exists":
        if (!has) return false;
        break;
      case "DoesNotExist":
        if (has) return false;
        break;
    }
  }
  return true;
}

/** Plain words for messages: `app=web, tier in (a, b), !legacy`; `all` for the empty selector. */
export function describeSelector(selector: LabelSelector): string {
  if (isMatchAll(selector)) return "all";
  return selector.requirements
    .map((r) => {
      switch (r.operator) {
        case "In":
          return r.values.length === 1 ? `${r.key}=${r.values[0]}` : `${r.key} in (${r.values.join(", ")})`;
        case "NotIn":
          return r.values.length === 1
            ? `${r.key}!=${r.values[0]}`
            : `${r.key} notin (${r.values.join(", ")})`;
        case "Exists":
          return r.key;
        case "DoesNotExist":
          return `!${r.key}`;
      }
      return r.key;
    })
    .join(", ");
}
