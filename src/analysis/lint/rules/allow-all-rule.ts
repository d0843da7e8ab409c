import type { Finding } from "../../../model/finding.js";
import type { PolicyRule } from "../../../model/network-policy.js";
import type { LintContext } from "../context.js";
import { policyObject, ruleName } from "../describe.js";
import { finding, type LintRule } from "../rule.js";

const ID = "allow-all-rule";

/** A rule with neither peers nor ports: `- {}`, or `from: []` / `ports: []`. */
export function allowsEverything(rule: PolicyRule): boolean {
  return rule.peers === null && rule.ports === null;
}

/**
 * A rule without `from`/`to` and without `ports` allows every peer on every port, which makes
 * every other rule of that direction (of every policy selecting the same pods) pointless. In a
 * policy whose rules of that direction all allow everything it is a deliberate allow-all and is
 * not reported; next to narrower rules it is usually a mis-indented list (`- {}` or a `- ports:`
 * entry split from its `from:`).
 */
export const allowAllRule: LintRule = {
  id: ID,
  defaultSeverity: "warning",
  summary: "A rule allows every peer on every port in a policy that is not a deliberate allow-all.",
  check: (context: LintContext): Finding[] => {
    const out: Finding[] = [];
    for (const policy of context.tree.policies) {
      for (const direction of policy.policyTypes) {
        const rules = policy[direction];
        const open = rules.filter(allowsEverything);
        if (open.length === 0 || open.length === rules.length) continue;
        const who = direction === "ingress" ? "every source" : "every destination";
        const what = direction === "ingress" ? "accept every incoming connection" : "may open any connection";
        for (const rule of open) {
          out.push(
            finding(
              ID,
              "warning",
              { file: policy.source.file, line: rule.line },
              policyObject(policy),
              `${ruleName(direction, rule.index)} has no ${direction === "ingress" ? "from" : "to"} and no ports, so it allows ${who} on every port: the policy's other ${direction} rules restrict nothing, and the selected pods ${what}.`,
              `Give the rule the ${direction === "ingress" ? "from" : "to"} and ports it was meant to have (check the list's indentation); if allowing everything is intended, move it to a separate allow-all policy with a description.`,
            ),
          );
        }
      }
    }
    return out;
  },
};
