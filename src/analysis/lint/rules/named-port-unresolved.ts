import type { Finding } from "../../../model/finding.js";
import type { Direction, NetworkPolicy, PolicyPort, PolicyRule } from "../../../model/network-policy.js";
import type { KnownPod, LintContext } from "../context.js";
import { listNames, policyObject, ruleName } from "../describe.js";
import { finding, type LintRule } from "../rule.js";

const ID = "named-port-unresolved";

/**
 * A named port is resolved on each destination pod, against its container ports of the same
 * name and protocol. If none of the destinations declares it, the entry allows nothing. The
 * destinations: for an ingress rule, the pods the policy selects; for an egress rule, the pods
 * its peers match. When no destination pod is in the repository (kube-dns, an ingress
 * controller), their ports are unknown: the analysis counts the entry as allowing nothing, and a
 * notice says so and how to declare them. An egress rule whose only peers are ipBlocks never
 * matches a named port: addresses outside the cluster have none.
 */
export const namedPortUnresolved: LintRule = {
  id: ID,
  defaultSeverity: "warning",
  summary: "A named port that no destination pod declares with that protocol.",
  check: (context: LintContext): Finding[] => {
    const out: Finding[] = [];
    for (const policy of context.tree.policies) {
      for (const direction of policy.policyTypes) {
        for (const rule of policy[direction]) {
          const named = (rule.ports ?? []).filter((p) => typeof p.port === "string");
          if (named.length === 0) continue;
          const onlyIpBlocks =
            direction === "egress" && rule.peers !== null && rule.peers.every((p) => p.type === "ipBlock");
          const destinations =
            direction === "ingress"
              ? context.podsSelectedBy(policy)
              : context.podsOfRulePeers(policy, rule.peers);
          for (const port of named) {
            if (onlyIpBlocks) out.push(ipBlockOnly(policy, rule, port));
            else if (destinations.length > 0) {
              const found = unresolved(policy, direction, rule, port, destinations);
              if (found) out.push(found);
            } else if (direction === "egress") out.push(outsideRepository(policy, rule, port));
          }
        }
      }
    }
    return out;
  },
};

function unresolved(
  policy: NetworkPolicy,
  direction: Direction,
  rule: PolicyRule,
  port: PolicyPort,
  destinations: readonly KnownPod[],
): Finding | undefined {
  const name = port.port as string;
  if (destinations.some((pod) => pod.ports.some((p) => p.name === name && p.protocol === port.protocol)))
    return undefined;
  const otherProtocol = destinations
    .flatMap((pod) =>
      pod.ports.filter((p) => p.name === name).map((p) => `${pod.object} declares it for ${p.protocol}`),
    )
    .sort()[0];
  const pods = direction === "ingress" ? "the pods this policy selects" : "the pods this rule sends to";
  return finding(
    ID,
    "warning",
    { file: policy.source.file, line: port.line },
    policyObject(policy),
    `${ruleName(direction, rule.index)} allows the ${port.protocol} port named ${name}, but none of ${pods} (${listNames(destinations.map((d) => d.object))}) declares a ${port.protocol} container port named ${name}${otherProtocol ? ` (${otherProtocol})` : ""}, so this entry allows nothing.`,
    `Name the container port ${name} (protocol ${port.protocol}) in the destination pods' spec, or write the port number.`,
  );
}

function ipBlockOnly(policy: NetworkPolicy, rule: PolicyRule, port: PolicyPort): Finding {
  const name = port.port as string;
  return finding(
    ID,
    "warning",
    { file: policy.source.file, line: port.line },
    policyObject(policy),
    `${ruleName("egress", rule.index)} allows the ${port.protocol} port named ${name} to ipBlock peers only; named ports are resolved on destination pods and addresses outside the cluster have none, so this entry allows nothing.`,
    "Write the port number instead of its name.",
  );
}

function outsideRepository(policy: NetworkPolicy, rule: PolicyRule, port: PolicyPort): Finding {
  const name = port.port as string;
  return finding(
    ID,
    "notice",
    { file: policy.source.file, line: port.line },
    policyObject(policy),
    `${ruleName("egress", rule.index)} allows the ${port.protocol} port named ${name} to pods that are not in the repository; their container ports are unknown here, so the review counts this entry as allowing nothing.`,
    `Declare those pods with their ports under context.workloads in .github/netpol-review.yml (e.g. kube-dns with ${name}: 53/${port.protocol}), or write the port number.`,
  );
}
