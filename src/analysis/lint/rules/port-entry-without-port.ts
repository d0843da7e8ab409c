import type { Finding } from "../../../model/finding.js";
import type { LintContext } from "../context.js";
import { policyObject, ruleName } from "../describe.js";
import { finding, type LintRule } from "../rule.js";

const ID = "port-entry-without-port";

/**
 * A `ports` entry without `port` matches every port of its protocol (the API's documented
 * meaning: "If this field is not provided, this matches all port names and numbers"), so
 * `ports: [{ protocol: TCP }]` opens every TCP port while reading like a restriction. Only rules
 * of a direction the policy isolates are judged: the others do nothing (`ignored-rules`).
 */
export const portEntryWithoutPort: LintRule = {
  id: ID,
  defaultSeverity: "warning",
  summary: "A rule's ports entry has no port, so it allows every port of its protocol.",
  check: (context: LintContext): Finding[] => {
    const out: Finding[] = [];
    for (const policy of context.tree.policies) {
      for (const direction of policy.policyTypes) {
        for (const rule of policy[direction]) {
          for (const entry of rule.ports ?? []) {
            if (entry.port !== undefined) continue;
            out.push(
              finding(
                ID,
                "warning",
                { file: policy.source.file, line: entry.line },
                policyObject(policy),
                `A ports entry of ${ruleName(direction, rule.index)} names protocol ${entry.protocol} but no port, so it allows every ${entry.protocol} port ${direction === "ingress" ? "from" : "to"} the rule's peers.`,
                `Add the port (with endPort for a range); if every ${entry.protocol} port is intended, say so in the policy's description.`,
              ),
            );
          }
        }
      }
    }
    return out;
  },
};
