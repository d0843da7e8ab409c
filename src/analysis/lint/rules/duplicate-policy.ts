import type { Finding } from "../../../model/finding.js";
import type { NetworkPolicy } from "../../../model/network-policy.js";
import { policyContentKey } from "../../policy-content.js";
import type { LintContext } from "../context.js";
import { policyObject } from "../describe.js";
import { finding, type LintRule } from "../rule.js";

const ID = "duplicate-policy";

/**
 * A cluster holds one object per namespace and name: applying two policies with the same name
 * keeps only the last one applied, so what is enforced depends on apply order, while this
 * analysis (and any reader) assumes all of them apply. Every definition is reported, each
 * naming where the others are in its fix.
 */
export const duplicatePolicy: LintRule = {
  id: ID,
  defaultSeverity: "error",
  summary: "Two NetworkPolicies with the same namespace and name.",
  check: (context: LintContext): Finding[] => {
    const byName = new Map<string, NetworkPolicy[]>();
    for (const policy of context.tree.policies) {
      const key = JSON.stringify([policy.namespace, policy.name]);
      const list = byName.get(key);
      if (list) list.push(policy);
      else byName.set(key, [policy]);
    }
    const out: Finding[] = [];
    for (const copies of byName.values()) {
      if (copies.length < 2) continue;
      const identical = new Set(copies.map(policyContentKey)).size === 1;
      const content = identical ? "the same rules" : "different rules";
      for (const policy of copies) {
        const others = copies
          .filter((p) => p !== policy)
          .map((p) => `${p.source.file}:${p.source.line}`)
          .join(", ");
        out.push(
          finding(
            ID,
            "error",
            policy.source,
            policyObject(policy),
            `${policyObject(policy)} is defined ${copies.length} times, with ${content}; a cluster keeps only the one applied last, so what is enforced depends on apply order, while this review assumes all of them apply.`,
            `Keep one definition: rename or delete the others (also defined at ${others}).`,
          ),
        );
      }
    }
    return out;
  },
};
