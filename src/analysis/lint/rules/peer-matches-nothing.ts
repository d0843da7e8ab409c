import type { Finding } from "../../../model/finding.js";
import type { LabelSelector } from "../../../model/labels.js";
import { NAMESPACE_NAME_LABEL } from "../../../model/namespace.js";
import type { NetworkPolicy, PodPeer } from "../../../model/network-policy.js";
import { isMatchAll, MATCH_ALL, selectorKey, selectorMatches } from "../../../model/selector.js";
import type { LintContext } from "../context.js";
import { describePeer, listNames, policyObject, ruleName } from "../describe.js";
import { finding, type LintRule } from "../rule.js";
import { didYouMean, nearMiss, podsElsewhere, suggestForSelector } from "../suggest.js";

const ID = "peer-matches-nothing";

/**
 * A `from` / `to` peer that names pods nobody declares: a typo makes a rule allow nothing, and
 * a reviewer cannot check a rule towards pods that live elsewhere. A warning when the peer
 * points at namespaces whose workloads the repository describes (then the labels are wrong),
 * or when its namespaceSelector is a near miss of an existing namespace; a notice when it
 * names namespaces the repository does not describe (kube-system, an ingress controller), or
 * also covers such namespaces (`namespaceSelector: {}`) and nothing hints at a typo:
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
    const hints = new Map<string, unknown>();
    const hint: Memo = <T>(key: unknown[], compute: () => T): T => {
      const k = JSON.stringify(key);
      if (!hints.has(k)) hints.set(k, compute());
      return hints.get(k) as T;
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

type Memo = <T>(key: unknown[], compute: () => T) => T;

function narrows(peer: PodPeer): boolean {
  const pods = peer.podSelector !== undefined && !isMatchAll(peer.podSelector);
  const namespaces = peer.namespaceSelector !== undefined && !isMatchAll(peer.namespaceSelector);
  return pods || namespaces;
}

function check(
  context: LintContext,
  memo: Memo,
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
    const typo = memo(["typo", selectorKey(selector), withPods], () =>
      didYouMean(
        suggestForSelector(
          selector,
          withPods.flatMap((ns) => context.podsIn(ns).map((p) => p.labels)),
        ),
      ),
    );
    const moved = typo
      ? ""
      : memo(["elsewhere", selectorKey(selector), withPods], () => elsewhere(context, selector, withPods));
    if (moved) {
      return finding(
        ID,
        "warning",
        at,
        object,
        `The peer of ${where} matches no workload in ${namespaceWords(withPods)}, ${effect}; ${moved.pods} ${moved.count === 1 ? "carries" : "carry"} these labels in ${moved.namespaces}, which the peer does not cover.`,
        `If the peer means those pods, give it a namespaceSelector that selects ${moved.namespaces}.`,
      );
    }
    const hint =
      typo ||
      memo(["near", selectorKey(selector), withPods], () =>
        nearMiss(
          selector,
          withPods.flatMap((ns) => context.podsIn(ns)),
        ),
      );
    // Without a hint that the labels are a mistake, pods in the namespaces nobody describes
    // (kube-dns in kube-system, for `namespaceSelector: {}`) may well be what the peer means.
    if (!hint && coversUndescribedNamespaces(context, peer)) {
      return finding(
        ID,
        "notice",
        at,
        object,
        `The peer of ${where} matches no known pod: no workload of ${namespaceWords(withPods)} carries these labels, and the peer also covers namespaces this repository does not describe, so whether the rule allows anything cannot be checked.`,
        "If those pods run in the cluster but are managed elsewhere, declare them (namespace labels and pod labels) in the cluster context of the configuration; otherwise fix the selectors.",
      );
    }
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
          didYouMean(suggestForSelector(nsSelector, [...context.namespaces.values()])),
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

/**
 * True when the peer's namespaceSelector matches a namespace that neither the repository nor
 * the cluster context describes, one carrying only its implicit name label (`{}`, a `NotIn` or
 * a `DoesNotExist`): such namespaces exist in every cluster (kube-system at least).
 */
function coversUndescribedNamespaces(context: LintContext, peer: PodPeer): boolean {
  const selector = peer.namespaceSelector;
  if (selector === undefined) return false;
  let name = "undescribed";
  for (let n = 1; context.namespaces.has(name); n++) name = `undescribed-${n}`;
  return selectorMatches(selector, { [NAMESPACE_NAME_LABEL]: name });
}

interface Elsewhere {
  readonly pods: string;
  readonly count: number;
  readonly namespaces: string;
}

/** The known pods the selector matches outside the peer's namespaces, in words. */
function elsewhere(
  context: LintContext,
  selector: LabelSelector,
  covered: readonly string[],
): Elsewhere | undefined {
  const found = podsElsewhere(selector, context.pods, covered);
  if (found.length === 0) return undefined;
  return {
    pods: listNames(found.map((pod) => pod.object)),
    count: found.length,
    namespaces: namespaceWords([...new Set(found.map((pod) => pod.namespace))].sort()),
  };
}

function namespaceWords(namespaces: readonly string[]): string {
  return namespaces.length === 1 ? `namespace ${namespaces[0]}` : `namespaces ${listNames(namespaces)}`;
}
