import type { AdminAction, AdminPolicy, AdminRule } from "../../model/admin-policy.js";
import type { Cidr } from "../../model/cidr.js";
import type { Finding } from "../../model/finding.js";
import { adminObject, adminRuleLabel, describeAdminPeer } from "./describe.js";

export const UNANALYSABLE_PEER = "unanalysable-peer";

const DOES: Readonly<Record<AdminAction, string>> = {
  Allow: "allows",
  Deny: "denies",
  Pass: "passes on",
};

/**
 * Address ranges pod IPs are commonly taken from: RFC 1918, the shared address space many
 * managed clusters use (100.64.0.0/10) and IPv6 unique local addresses (fc00::/7).
 */
const POD_RANGES: readonly { family: 4 | 6; start: bigint; end: bigint }[] = [
  { family: 4, start: 0x0a000000n, end: 0x0affffffn },
  { family: 4, start: 0xac100000n, end: 0xac1fffffn },
  { family: 4, start: 0xc0a80000n, end: 0xc0a8ffffn },
  { family: 4, start: 0x64400000n, end: 0x647fffffn },
  { family: 6, start: 0xfcn << 120n, end: (0xfen << 120n) - 1n },
];

function mayHoldPodIps(cidr: Cidr): boolean {
  return POD_RANGES.some((r) => r.family === cidr.family && cidr.start <= r.end && cidr.end >= r.start);
}

/**
 * Peers the manifests cannot resolve, and what the analysis does with them:
 * - `nodes` (node IPs) and `domainNames` (resolved at run time) match nothing here: never treated
 *   as allowed or denied traffic, and said so (warning);
 * - `networks` that can contain pod IPs: the API matches pod-to-pod traffic against them too,
 *   but pod IPs are unknown, so the analysis applies them to outside addresses only (notice).
 */
export function unanalysablePeers(policies: readonly AdminPolicy[]): Finding[] {
  const out: Finding[] = [];
  for (const policy of policies) {
    for (const rule of policy.egress) {
      for (const peer of rule.peers) {
        const at = { file: policy.source.file, line: peer.line };
        const rulePart = `${capitalised(adminRuleLabel("egress", rule))} ${DOES[rule.action]} traffic to ${describeAdminPeer(peer)}`;
        if (peer.type === "nodes") {
          out.push(
            warning(
              policy,
              at,
              `${rulePart}, whose IPs the manifests do not contain: the analysis treats this peer as matching ` +
                `nothing, so what the rule does to traffic to those nodes is not shown (node IPs sit inside the ` +
                `external ranges, which are shown as the other rules and tiers decide them).`,
            ),
          );
        } else if (peer.type === "domainNames") {
          const allowOnly =
            rule.action === "Allow"
              ? ""
              : ` The API supports domainNames in ${policy.kind === "ClusterNetworkPolicy" ? "Accept" : "Allow"} rules only.`;
          out.push(
            warning(
              policy,
              at,
              `${rulePart}, which resolve to addresses only at run time: the analysis treats this peer as ` +
                `matching nothing, so the external ranges are shown as the other rules and tiers decide them.${allowOnly}`,
            ),
          );
        } else if (peer.type === "networks") {
          const podRanges = peer.cidrs.filter(mayHoldPodIps);
          if (podRanges.length === 0) continue;
          out.push({
            ...warning(
              policy,
              at,
              `${capitalised(adminRuleLabel("egress", rule))} names ${podRanges.map((c) => c.text).join(", ")}, ` +
                `which can contain pod IPs: the API matches pod-to-pod traffic against networks too, but pod IPs ` +
                `are not in the manifests, so the analysis applies this peer to addresses outside the cluster only.`,
            ),
            severity: "notice",
            fix: passFix(rule),
          });
        }
      }
    }
  }
  return out;
}

function warning(policy: AdminPolicy, at: { file: string; line: number }, message: string): Finding {
  return { rule: UNANALYSABLE_PEER, severity: "warning", ...at, object: adminObject(policy), message };
}

function passFix(rule: AdminRule): string {
  return rule.action === "Pass"
    ? "If the CIDR is meant for outside addresses only, say so with a narrower range."
    : "If the CIDR is meant for outside addresses only, add an earlier rule that passes pod traffic (to: [{namespaces: {}}], action Pass), as the API suggests.";
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
