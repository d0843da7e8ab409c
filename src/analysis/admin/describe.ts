import type { AdminPeer, AdminPolicy, AdminRule } from "../../model/admin-policy.js";
import { adminPolicyName, adminRuleName } from "../../model/admin-policy.js";
import type { Direction } from "../../model/network-policy.js";
import { describeSelector, isMatchAll } from "../../model/selector.js";

/** Plain words for admin policy findings and explanations. Like the lint messages, never a line number. */

/** `AdminNetworkPolicy pci-isolation`: the finding's `object`. */
export function adminObject(policy: AdminPolicy): string {
  return adminPolicyName(policy);
}

/** `egress rule "deny-internet"` or `egress rule 3` (counted from 1, as NetworkPolicy rules are). */
export function adminRuleLabel(direction: Direction, rule: AdminRule): string {
  return `${direction} rule ${adminRuleName(rule)}`;
}

/** What a peer names, in a few words. */
export function describeAdminPeer(peer: AdminPeer): string {
  switch (peer.type) {
    case "namespaces":
      return isMatchAll(peer.namespaceSelector)
        ? "every namespace"
        : `namespaces with ${describeSelector(peer.namespaceSelector)}`;
    case "pods": {
      const pods = isMatchAll(peer.podSelector)
        ? "every pod"
        : `pods with ${describeSelector(peer.podSelector)}`;
      const ns = isMatchAll(peer.namespaceSelector)
        ? "every namespace"
        : `namespaces with ${describeSelector(peer.namespaceSelector)}`;
      return `${pods} in ${ns}`;
    }
    case "networks":
      return `networks ${peer.cidrs.map((c) => c.text).join(", ")}`;
    case "nodes":
      return isMatchAll(peer.nodeSelector)
        ? "every node"
        : `nodes with ${describeSelector(peer.nodeSelector)}`;
    case "domainNames":
      return `domain names ${peer.domainNames.join(", ")}`;
  }
}
