import type { Cidr } from "../../../model/cidr.js";
import type { Finding } from "../../../model/finding.js";
import { familyMax } from "../../../model/ip-range.js";
import type { LintContext } from "../context.js";
import { policyObject, ruleName } from "../describe.js";
import { finding, type LintRule } from "../rule.js";

const ID = "ipblock-external";

function wholeFamily(cidr: Cidr): boolean {
  return cidr.start === 0n && cidr.end === familyMax(cidr.family);
}

/**
 * An ipBlock names addresses outside the cluster's pods, and who answers at an external address
 * changes without any change to this repository: every ipBlock deserves a reviewer's look (a
 * notice). `0.0.0.0/0` or `::/0` opens the whole internet (a warning).
 */
export const ipblockExternal: LintRule = {
  id: ID,
  defaultSeverity: "notice",
  summary: "A rule allows an external address range (a warning for 0.0.0.0/0 or ::/0).",
  check: (context: LintContext): Finding[] => {
    const out: Finding[] = [];
    for (const policy of context.tree.policies) {
      for (const direction of policy.policyTypes) {
        for (const rule of policy[direction]) {
          for (const peer of rule.peers ?? []) {
            if (peer.type !== "ipBlock") continue;
            const except =
              peer.except.length > 0 ? ` except ${peer.except.map((e) => e.text).join(", ")}` : "";
            const way = direction === "ingress" ? "from" : "to";
            const where = `${ruleName(direction, rule.index)} allows traffic ${way}`;
            const whole = wholeFamily(peer.cidr);
            out.push(
              whole
                ? finding(
                    ID,
                    "warning",
                    { file: policy.source.file, line: peer.line },
                    policyObject(policy),
                    `${where} every IPv${peer.cidr.family} address (${peer.cidr.text}${except}): the whole internet, and whatever else those addresses reach.`,
                    "Allow only the external ranges (and ports) the pods need, and say in the description who owns them.",
                  )
                : finding(
                    ID,
                    "notice",
                    { file: policy.source.file, line: peer.line },
                    policyObject(policy),
                    `${where} ${peer.cidr.text}${except}, addresses outside the cluster's pods; who answers there can change without any change to this repository.`,
                    "Keep the range as narrow as the pods need, and say in the policy's description who owns it.",
                  ),
            );
          }
        }
      }
    }
    return out;
  },
};
