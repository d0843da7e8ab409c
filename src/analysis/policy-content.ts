import type { AdminPolicy } from "../model/admin-policy.js";
import type { NetworkPolicy, PolicyRule } from "../model/network-policy.js";

/** Fields that do not change what a policy does: positions, documentation, the CIDR as typed. */
const NON_SEMANTIC = new Set(["line", "source", "annotations", "text", "policyTypesDeclared"]);

function contentKey(value: unknown, ignored: ReadonlySet<string> = NON_SEMANTIC): string {
  return JSON.stringify(value, (key, v) => {
    if (ignored.has(key)) return undefined;
    return typeof v === "bigint" ? v.toString() : v;
  });
}

/** Policies and rules are immutable: each one's key is computed once. */
const keys = new WeakMap<object, string>();

function memoised(value: object, compute: () => string): string {
  let key = keys.get(value);
  if (key === undefined) {
    key = compute();
    keys.set(value, key);
  }
  return key;
}

/** A string equal for two policies exactly when they would enforce the same thing. */
export function policyContentKey(policy: NetworkPolicy | AdminPolicy): string {
  return memoised(policy, () => contentKey(policy));
}

/** Also ignored for a rule on its own: its position, so that a rule that moved is still the same rule. */
const RULE_NON_SEMANTIC = new Set([...NON_SEMANTIC, "index"]);

/** The same for one rule, so that an edit can be pinned to the rule it touched. */
export function ruleContentKey(rule: PolicyRule | undefined): string {
  return rule === undefined ? "" : memoised(rule, () => contentKey(rule, RULE_NON_SEMANTIC));
}
