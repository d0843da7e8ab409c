import type { LabelSelector, Labels } from "../model/labels.js";
import { NAMESPACE_NAME_LABEL } from "../model/namespace.js";
import { describeSelector, isMatchAll, selectorMatches } from "../model/selector.js";
import type { PeerMatcher } from "./peer-matcher.js";

/**
 * Labels that a pod (or namespace) matching `selector` would carry: the first value of each
 * `In`, a placeholder for `Exists` (no real label value can contain `<`, so it never equals a
 * value another selector names), nothing for `NotIn`/`DoesNotExist`. `null` when the selector
 * contradicts itself and matches nothing at all.
 */
export function representativeLabels(selector: LabelSelector): Labels | null {
  const labels: Record<string, string> = {};
  for (const req of selector.requirements) {
    if (req.operator === "In") labels[req.key] = req.values[0] as string;
  }
  for (const req of selector.requirements) {
    if (req.operator === "Exists" && !(req.key in labels)) labels[req.key] = "<any>";
  }
  return selectorMatches(selector, labels) ? labels : null;
}

/** Where a selector's stand-in pod lives, and how to call it. */
export interface RepresentativePlacement {
  readonly namespace: string;
  readonly namespaceKnown: boolean;
  readonly namespaceLabels: Labels;
  readonly podLabels: Labels;
  readonly id: string;
  readonly label: string;
}

/**
 * Places a stand-in for the pods a peer selector names but the tree does not contain: in the
 * policy's namespace when the peer has no namespaceSelector; in the namespace the selector
 * names through `kubernetes.io/metadata.name` when it does; otherwise in a namespace of its own
 * that carries just the labels the selector requires.
 */
export function placeRepresentative(
  matcher: PeerMatcher,
  knownNamespaces: ReadonlyMap<string, Labels>,
): RepresentativePlacement | null {
  const podLabels = representativeLabels(matcher.podSelector);
  if (!podLabels) return null;
  const pods = isMatchAll(matcher.podSelector)
    ? "all pods"
    : `pods with ${describeSelector(matcher.podSelector)}`;
  const podPart = isMatchAll(matcher.podSelector)
    ? "[all pods]"
    : `[pods with ${describeSelector(matcher.podSelector)}]`;

  if (matcher.namespace !== undefined) {
    const labels = knownNamespaces.get(matcher.namespace) ?? { [NAMESPACE_NAME_LABEL]: matcher.namespace };
    return known(matcher.namespace, labels);
  }
  const selector = matcher.namespaceSelector as LabelSelector;
  const nsLabels = representativeLabels(selector);
  if (!nsLabels) return null;
  const named = nsLabels[NAMESPACE_NAME_LABEL];
  if (named !== undefined) {
    const existing = knownNamespaces.get(named);
    if (existing && selectorMatches(selector, existing)) return known(named, existing);
    if (!existing) return known(named, nsLabels);
  }
  const nsText = isMatchAll(selector) ? "any namespace" : `namespaces with ${describeSelector(selector)}`;
  const namespace = `[${nsText}]`;
  const labels = { ...nsLabels, [NAMESPACE_NAME_LABEL]: namespace };
  if (!selectorMatches(selector, labels)) return null;
  return {
    namespace,
    namespaceKnown: false,
    namespaceLabels: labels,
    podLabels,
    id: `${namespace}/${podPart}`,
    label: `${pods} in ${nsText}`,
  };

  function known(namespace: string, namespaceLabels: Labels): RepresentativePlacement {
    return {
      namespace,
      namespaceKnown: true,
      namespaceLabels,
      podLabels: podLabels as Labels,
      id: `${namespace}/${podPart}`,
      label: `${pods} in namespace ${namespace}`,
    };
  }
}
