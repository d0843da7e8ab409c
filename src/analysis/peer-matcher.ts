import type { LabelSelector } from "../model/labels.js";
import type { NetworkPolicy, PodPeer } from "../model/network-policy.js";
import { MATCH_ALL, selectorKey } from "../model/selector.js";

/**
 * A set of pods as a policy names them: pods matching `podSelector` in `namespace`, or in every
 * namespace matching `namespaceSelector`. Policy subjects (`spec.podSelector`) and pod peers are
 * both matchers, so one pass over the pods answers "who selects me" and "whose peer am I".
 */
export interface PeerMatcher {
  readonly id: number;
  readonly key: string;
  /** Set when the peer has no namespaceSelector: only the policy's own namespace. */
  readonly namespace?: string;
  readonly namespaceSelector?: LabelSelector;
  readonly podSelector: LabelSelector;
}

/** The selectors a stand-in endpoint was made from (see `placeRepresentative`). */
export type StandInSpec = Pick<PeerMatcher, "namespace" | "namespaceSelector" | "podSelector"> & {
  /** Set when a policy's `podSelector` names these pods: the policy applies to them. */
  readonly subject?: boolean;
};

/** Interns matchers so that identical selectors are matched once, however many rules use them. */
export class MatcherRegistry {
  readonly matchers: PeerMatcher[] = [];
  private readonly byKey = new Map<string, PeerMatcher>();

  forPolicySubject(policy: NetworkPolicy): PeerMatcher {
    return this.intern(policy.namespace, undefined, policy.podSelector);
  }

  /** Pods that another tree's stand-in stands for, so that both trees of a diff carry it. */
  forStandIn(spec: StandInSpec): PeerMatcher {
    return this.intern(spec.namespace, spec.namespaceSelector, spec.podSelector);
  }

  forPeer(policy: NetworkPolicy, peer: PodPeer): PeerMatcher {
    const namespace = peer.namespaceSelector ? undefined : policy.namespace;
    return this.intern(namespace, peer.namespaceSelector, peer.podSelector ?? MATCH_ALL);
  }

  /** Pods matching `podSelector` in every namespace matching `namespaceSelector` (admin policy subjects and peers). */
  forSelectors(namespaceSelector: LabelSelector, podSelector: LabelSelector): PeerMatcher {
    return this.intern(undefined, namespaceSelector, podSelector);
  }

  private intern(
    namespace: string | undefined,
    namespaceSelector: LabelSelector | undefined,
    podSelector: LabelSelector,
  ): PeerMatcher {
    const key = JSON.stringify([
      namespace ?? null,
      namespaceSelector ? selectorKey(namespaceSelector) : null,
      selectorKey(podSelector),
    ]);
    let matcher = this.byKey.get(key);
    if (!matcher) {
      matcher = {
        id: this.matchers.length,
        key,
        podSelector,
        ...(namespace !== undefined && { namespace }),
        ...(namespaceSelector && { namespaceSelector }),
      };
      this.matchers.push(matcher);
      this.byKey.set(key, matcher);
    }
    return matcher;
  }
}
