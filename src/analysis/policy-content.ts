import type { NetworkPolicy } from "../model/network-policy.js";

/** Fields that do not change what a policy does: positions, documentation, the CIDR as typed. */
const NON_SEMANTIC = new Set(["line", "source", "annotations", "text", "policyTypesDeclared"]);

/** A string equal for two policies exactly when they would enforce the same thing. */
export function policyContentKey(policy: NetworkPolicy): string {
  return JSON.stringify(policy, (key, value) => {
    if (NON_SEMANTIC.has(key)) return undefined;
    return typeof value === "bigint" ? value.toString() : value;
  });
}
