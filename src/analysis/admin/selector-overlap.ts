import type { LabelSelector } from "../../model/labels.js";

/**
 * Whether some label set satisfies both selectors: per key, the values `In` allows (intersected),
 * minus those `NotIn` forbids, must leave a value when the key has to exist, and a key cannot
 * both have to exist and have to be absent. Exact for Kubernetes label selectors.
 */
export function selectorsCanOverlap(a: LabelSelector, b: LabelSelector): boolean {
  interface KeyConstraint {
    allowed?: Set<string>;
    forbidden: Set<string>;
    mustExist: boolean;
    mustBeAbsent: boolean;
  }
  const byKey = new Map<string, KeyConstraint>();
  for (const req of [...a.requirements, ...b.requirements]) {
    let c = byKey.get(req.key);
    if (!c) {
      c = { forbidden: new Set(), mustExist: false, mustBeAbsent: false };
      byKey.set(req.key, c);
    }
    switch (req.operator) {
      case "In": {
        const values = new Set(req.values);
        c.allowed = c.allowed ? new Set([...c.allowed].filter((v) => values.has(v))) : values;
        c.mustExist = true;
        break;
      }
      case "NotIn":
        for (const v of req.values) c.forbidden.add(v);
        break;
      case "Exists":
        c.mustExist = true;
        break;
      case "DoesNotExist":
        c.mustBeAbsent = true;
        break;
    }
  }
  for (const c of byKey.values()) {
    if (c.mustExist && c.mustBeAbsent) return false;
    if (c.allowed && [...c.allowed].every((v) => c.forbidden.has(v))) return false;
  }
  return true;
}
