import type { LabelSelector } from "../../model/labels.js";
import { NAMESPACE_NAME_LABEL } from "../../model/namespace.js";
import type { Direction, NetworkPolicy, PodPeer, PolicyPort } from "../../model/network-policy.js";
import { describeSelector, isMatchAll } from "../../model/selector.js";

/** Plain words shared by the rules' messages. No message may contain a line number. */

export function policyObject(policy: NetworkPolicy): string {
  return `NetworkPolicy ${policy.namespace}/${policy.name}`;
}

export { ruleName } from "../../model/network-policy.js";

export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** `Ingress` / `Egress`, as written in `policyTypes`. */
export function policyType(direction: Direction): string {
  return direction === "ingress" ? "Ingress" : "Egress";
}

/** `namespace kube-system` when the selector names namespaces by name, else `namespaces with team=x`. */
export function describeNamespaceSelector(selector: LabelSelector): string {
  if (isMatchAll(selector)) return "every namespace";
  const [only] = selector.requirements;
  if (selector.requirements.length === 1 && only?.key === NAMESPACE_NAME_LABEL && only.operator === "In") {
    return only.values.length === 1 ? `namespace ${only.values[0]}` : `namespaces ${only.values.join(", ")}`;
  }
  return `namespaces with ${describeSelector(selector)}`;
}

/** What a pod peer names: `pods with app=web in namespace shop`, `every pod in namespaces with team=x`. */
export function describePeer(policy: NetworkPolicy, peer: PodPeer): string {
  const pods =
    peer.podSelector === undefined || isMatchAll(peer.podSelector)
      ? "every pod"
      : `pods with ${describeSelector(peer.podSelector)}`;
  const where = peer.namespaceSelector
    ? describeNamespaceSelector(peer.namespaceSelector)
    : `namespace ${policy.namespace}`;
  return `${pods} in ${where}`;
}

/** `TCP port 443`, `TCP ports 8000-8080`, `every UDP port`, `the TCP port named http`. */
export function describePort(port: PolicyPort): string {
  if (port.port === undefined) return `every ${port.protocol} port`;
  if (typeof port.port === "string") return `the ${port.protocol} port named ${port.port}`;
  if (port.endPort !== undefined && port.endPort !== port.port)
    return `${port.protocol} ports ${port.port}-${port.endPort}`;
  return `${port.protocol} port ${port.port}`;
}

/** `a, b and c`; at most `max` names, then `and N more`. */
export function listNames(names: readonly string[], max = 5): string {
  const sorted = [...new Set(names)].sort();
  if (sorted.length <= max) return joinAnd(sorted);
  return `${sorted.slice(0, max).join(", ")} and ${sorted.length - max} more`;
}

export function joinAnd(items: readonly string[], last = "and"): string {
  if (items.length <= 1) return items[0] ?? "";
  return `${items.slice(0, -1).join(", ")} ${last} ${items[items.length - 1]}`;
}
