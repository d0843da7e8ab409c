import type { LabelSelector, Labels } from "../model/labels.js";
import { selectorKey, selectorMatches } from "../model/selector.js";
import type { PeerMatcher } from "./peer-matcher.js";

export interface PodFacts {
  readonly namespace: string;
  readonly podLabels: Labels;
}

/**
 * For every pod, the ids (ascending) of the matchers that select it. Matching goes through
 * per-namespace indexes, so a matcher only looks at pods of namespaces it can select and, when
 * its pod selector has an `In` requirement, only at pods carrying one of those label values:
 * the work grows with the matches, not with pods x matchers.
 */
export function matchPods(
  pods: readonly PodFacts[],
  namespaceLabels: ReadonlyMap<string, Labels>,
  matchers: readonly PeerMatcher[],
): number[][] {
  const index = new PodIndex(pods);
  const matched: number[][] = pods.map(() => []);
  const namespacesBySelector = new Map<string, string[]>();
  for (const matcher of matchers) {
    for (const ns of matcherNamespaces(matcher, namespaceLabels, namespacesBySelector)) {
      for (const pod of index.candidates(ns, matcher.podSelector)) {
        if (selectorMatches(matcher.podSelector, (pods[pod] as PodFacts).podLabels)) {
          (matched[pod] as number[]).push(matcher.id);
        }
      }
    }
  }
  return matched;
}

function matcherNamespaces(
  matcher: PeerMatcher,
  namespaceLabels: ReadonlyMap<string, Labels>,
  memo: Map<string, string[]>,
): readonly string[] {
  if (matcher.namespace !== undefined) return [matcher.namespace];
  const selector = matcher.namespaceSelector as LabelSelector;
  const key = selectorKey(selector);
  let namespaces = memo.get(key);
  if (!namespaces) {
    namespaces = [...namespaceLabels]
      .filter(([, labels]) => selectorMatches(selector, labels))
      .map(([n]) => n);
    memo.set(key, namespaces);
  }
  return namespaces;
}

class PodIndex {
  private readonly byNamespace = new Map<string, number[]>();
  private readonly byLabel = new Map<string, number[]>();

  constructor(pods: readonly PodFacts[]) {
    pods.forEach((pod, i) => {
      push(this.byNamespace, pod.namespace, i);
      for (const [key, value] of Object.entries(pod.podLabels))
        push(this.byLabel, labelKey(pod.namespace, key, value), i);
    });
  }

  /** Pods of `namespace` that could match: narrowed by the most selective `In` requirement. */
  candidates(namespace: string, selector: LabelSelector): readonly number[] {
    let best: number[] | undefined;
    for (const req of selector.requirements) {
      if (req.operator !== "In") continue;
      const lists = req.values.map((v) => this.byLabel.get(labelKey(namespace, req.key, v)) ?? []);
      const union = lists.length === 1 ? (lists[0] as number[]) : lists.flat();
      if (!best || union.length < best.length) best = union;
    }
    return best ?? this.byNamespace.get(namespace) ?? [];
  }
}

function labelKey(namespace: string, key: string, value: string): string {
  return `${namespace}\u0000${key}\u0000${value}`;
}

function push(map: Map<string, number[]>, key: string, value: number): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
