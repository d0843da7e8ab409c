import type { Finding } from "../../../model/finding.js";
import type { NetworkPolicy, PodPeer } from "../../../model/network-policy.js";
import { isMatchAll, MATCH_ALL, selectorKey } from "../../../model/selector.js";
import type { LintContext } from "../context.js";
import { describePeer, listNames, policyObject, ruleName } from "../describe.js";
import { finding, type LintRule } from "../rule.js";
import { didYouMean, nearMiss, suggestForSelector } from "../suggest.js";

const ID = "peer-matches-nothing";

/**
 * A `from` / `to` peer that names pods nobody declares: a typo makes a rule allow nothing, and
 * a reviewer cannot check a rule towards pods that live elsewhere. A warning when the peer
 * points at namespaces whose workloads the repository describes (then the labels are wrong),
 * or when its namespaceSelector is a near miss of an existing namespace; a notice when it
 * names namespaces the repository does not describe (kube-system, an ingress controller):
 * declaring those pods in the cluster context silences it. Peers that select every pod of
 * their namespaces without narrowing (`podSelector: {}`, `namespaceSelector: {}`) are never
 * reported.
 */
export const peerMatchesNothing: LintRule = {
  id: ID,
  defaultSeverity: "warning",
  summary: "A rule's pod peer matches no workload in the tree or the cluster context.",
  check: (context: LintContext): Finding[] => {
    const out: Finding[] = [];
    // Many peers repeat a selector (kube-dns from every namespace): suggest once per selector.
    const hints = new Map<string, string>();
    const hint = (key: unknown[], compute: () => string): string => {
      const k = JSON.stringify(key);
      let text = hints.get(k);
      if (text === undefined) {
        text = compute();
        hints.set(k, text);
      }
      return text;
    };
    for (const policy of context.tree.policies) {
      for (const direction of policy.policyTypes) {
        for (const rule of policy[direction]) {
          for (const peer of rule.peers ?? []) {
            if (peer.type !== "pods" || !narrows(peer)) continue;
            if (context.peerMatchesAnyPod(policy, peer)) continue;
            const where = `${ruleName(direction, rule.index)} (${direction === "ingress" ? "from" : "to"} ${describePeer(policy, peer)})`;
            out.push(check(context, hint, policy, peer, where, direction === "ingress" ? "from" : "to"));
          }
        }
      }
    }
    return out;
  },
};

function narrows(peer: PodPeer): boolean {
  const pods = peer.podSelector !== undefined && !isMatchAll(peer.podSelector);
  const namespaces = peer.namespaceSelector !== undefined && !isMatchAll(peer.namespaceSelector);
  return pods || namespaces;
}

function check(
  context: LintContext,
  memo: (key: unknown[], compute: () => string) => string,
  policy: NetworkPolicy,
  peer: PodPeer,
  where: string,
  preposition: "from" | "to",
): Finding {
  const object = policyObject(policy);
  const namespaces = context.peerNamespaces(policy, peer);
  const withPods = namespaces.filter((ns) => context.podsIn(ns).length > 0);
  const at = { file: policy.source.file, line: peer.line };
  const effect = `so the rule allows traffic ${preposition} pods that do not exist`;

  if (withPods.length > 0) {
    const selector = peer.podSelector ?? MATCH_ALL;
    const hint = memo(["pods", selectorKey(selector), withPods], () => {
      const pods = withPods.flatMap((ns) => context.podsIn(ns));
      const labels = pods.map((p) => p.labels);
      return didYouMean(suggestForSelector(selector, labels, true)) || nearMiss(selector, pods);
    });
    return finding(
      ID,
      "warning",
      at,
      object,
      `The peer of ${where} matches no workload in ${namespaceWords(withPods)}, ${effect}${hint ? `; ${hint}` : "."}`,
      `Change the peer's podSelector to labels the intended pods carry${hint ? ` (${hint})` : ""}.`,
    );
  }

  const nsSelector = peer.namespaceSelector;
  const nsHint =
    nsSelector && namespaces.length === 0
      ? memo(["namespaces", selectorKey(nsSelector)], () =>
          didYouMean(suggestForSelector(nsSelector, [...context.namespaces.values()], false)),
        )
      : "";
  if (nsHint) {
    return finding(
      ID,
      "warning",
      at,
      object,
      `The peer of ${where} matches no namespace in this repository or the cluster context, ${effect}; ${nsHint}`,
      `Change the peer's namespaceSelector to labels the intended namespace carries (${nsHint}).`,
    );
  }
  const outside =
    namespaces.length === 0
      ? "no namespace in this repository or the cluster context matches its namespaceSelector"
      : `no workload of ${namespaceWords(namespaces)} is in this repository or the cluster context`;
  return finding(
    ID,
    "notice",
    at,
    object,
    `The peer of ${where} matches no known pod: ${outside}, so whether the rule allows anything cannot be checked.`,
    "If those pods run in the cluster but are managed elsewhere, declare them (namespace labels and pod labels) in the cluster context of the configuration; otherwise fix the selectors.",
  );
}

function namespaceWords(namespaces: readonly string[]): string {
  return namespaces.length === 1 ? `namespace ${namespaces[0]}` : `namespaces ${listNames(namespaces)}`;
}
