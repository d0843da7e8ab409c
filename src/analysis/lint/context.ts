import type { PodEndpoint } from "../../model/endpoint.js";
import { isPodEndpoint } from "../../model/endpoint.js";
import type { LabelSelector, Labels } from "../../model/labels.js";
import { NAMESPACE_NAME_LABEL } from "../../model/namespace.js";
import type { NetworkPolicy, PodPeer, PolicyRule } from "../../model/network-policy.js";
import { MATCH_ALL, selectorKey, selectorMatches } from "../../model/selector.js";
import type { SourceRef } from "../../model/source.js";
import type { ManifestTree } from "../../model/tree.js";
import { type ContainerPort, WORKLOAD_KINDS } from "../../model/workload.js";
import type { ClusterAnalysis, EndpointClass } from "../cluster.js";
import type { CompiledPolicy, CompiledRule } from "../compile.js";
import { namespaceLabels } from "../namespaces.js";
import type { PeerMatcher } from "../peer-matcher.js";
import { CONTEXT_SOURCE } from "../review/context.js";
import type { ReviewOptions } from "../review/types.js";

/** Annotation keys accepted as a policy's documentation when the configuration names none. */
export const DEFAULT_DESCRIPTION_ANNOTATIONS: readonly string[] = [
  "kubernetes.io/description",
  "netpol-review/description",
];

/** A pod that exists as far as lint can tell: a workload of the tree or of the cluster context. */
export interface KnownPod {
  readonly namespace: string;
  readonly labels: Labels;
  readonly ports: readonly ContainerPort[];
  /** `Deployment shop/web`, for messages. */
  readonly object: string;
  /** False for pods that the configuration's cluster context declares. */
  readonly inRepository: boolean;
}

/**
 * What every rule reads: the analysed tree, the options, and facts several rules need, each
 * computed once on first use. Lint judges selectors against the pods the repository and the
 * cluster context describe; the engine's stand-in endpoints (pods a selector names but nobody
 * declares) are hypothetical, so they never count as "something matches".
 */
export class LintContext {
  readonly tree: ManifestTree;
  private knownPods?: readonly KnownPod[];
  private knownNamespaces?: ReadonlyMap<string, Labels>;
  private podsByNamespace?: ReadonlyMap<string, readonly KnownPod[]>;
  private compiledByPolicy?: ReadonlyMap<NetworkPolicy, CompiledPolicy>;
  private matcherIndex?: { byNamespace: Map<string, PeerMatcher[]>; bySelector: PeerMatcher[] };
  private classIndex?: { byMatcher: Map<number, EndpointClass[]>; byIpBlock: Map<number, EndpointClass[]> };
  private readonly namespacesBySelector = new Map<string, string[]>();
  private readonly synthetic = new Map<string, EndpointClass>();

  constructor(
    readonly analysis: ClusterAnalysis,
    readonly options: ReviewOptions = {},
  ) {
    this.tree = analysis.tree;
  }

  /** False for objects the review merged in from the configuration's cluster context. */
  inRepository(object: { readonly source: SourceRef }): boolean {
    return object.source !== CONTEXT_SOURCE;
  }

  /** The configured documentation keys; an empty list means the defaults. */
  get descriptionAnnotations(): readonly string[] {
    const configured = this.options.descriptionAnnotations;
    return configured && configured.length > 0 ? configured : DEFAULT_DESCRIPTION_ANNOTATIONS;
  }

  /** Every pod the tree or the cluster context describes (each workload once). */
  get pods(): readonly KnownPod[] {
    this.knownPods ??= this.collectPods();
    return this.knownPods;
  }

  /**
   * Every namespace the tree or the cluster context names, with its labels and the implicit
   * `kubernetes.io/metadata.name` label; never the engine's placeholder namespaces.
   */
  get namespaces(): ReadonlyMap<string, Labels> {
    if (!this.knownNamespaces) {
      const labels = namespaceLabels(this.tree);
      const context = this.options.context;
      for (const ns of context?.namespaces ?? []) {
        if (!labels.has(ns.name)) labels.set(ns.name, { ...ns.labels, [NAMESPACE_NAME_LABEL]: ns.name });
      }
      for (const pod of this.pods) {
        if (!labels.has(pod.namespace)) labels.set(pod.namespace, { [NAMESPACE_NAME_LABEL]: pod.namespace });
      }
      this.knownNamespaces = labels;
    }
    return this.knownNamespaces;
  }

  podsIn(namespace: string): readonly KnownPod[] {
    if (!this.podsByNamespace) {
      const map = new Map<string, KnownPod[]>();
      for (const pod of this.pods) {
        const list = map.get(pod.namespace);
        if (list) list.push(pod);
        else map.set(pod.namespace, [pod]);
      }
      this.podsByNamespace = map;
    }
    return this.podsByNamespace.get(namespace) ?? [];
  }

  /** Known pods that the policy's `podSelector` selects. */
  podsSelectedBy(policy: NetworkPolicy): KnownPod[] {
    return this.podsIn(policy.namespace).filter((pod) => selectorMatches(policy.podSelector, pod.labels));
  }

  /** The known namespaces a pod peer covers: the policy's own, or those its namespaceSelector matches. */
  peerNamespaces(policy: NetworkPolicy, peer: PodPeer): readonly string[] {
    const selector = peer.namespaceSelector;
    if (!selector) return [policy.namespace];
    const key = selectorKey(selector);
    let names = this.namespacesBySelector.get(key);
    if (!names) {
      names = [...this.namespaces]
        .filter(([, labels]) => selectorMatches(selector, labels))
        .map(([name]) => name);
      this.namespacesBySelector.set(key, names);
    }
    return names;
  }

  /** Whether a pod peer matches any known pod. */
  peerMatchesAnyPod(policy: NetworkPolicy, peer: PodPeer): boolean {
    const podSelector = peer.podSelector ?? MATCH_ALL;
    return this.peerNamespaces(policy, peer).some((ns) =>
      this.podsIn(ns).some((pod) => selectorMatches(podSelector, pod.labels)),
    );
  }

  /** Known pods that a pod peer matches. */
  podsOfPeer(policy: NetworkPolicy, peer: PodPeer): KnownPod[] {
    const podSelector = peer.podSelector ?? MATCH_ALL;
    return this.peerNamespaces(policy, peer).flatMap((ns) =>
      this.podsIn(ns).filter((pod) => selectorMatches(podSelector, pod.labels)),
    );
  }

  /** The known pods a rule's traffic goes to (egress) or comes from (ingress), through its pod peers. */
  podsOfRulePeers(policy: NetworkPolicy, peers: PolicyRule["peers"]): KnownPod[] {
    if (peers === null) return [...this.pods];
    const seen = new Set<KnownPod>();
    for (const peer of peers) {
      if (peer.type === "pods") for (const pod of this.podsOfPeer(policy, peer)) seen.add(pod);
    }
    return [...seen];
  }

  /** The engine's compiled form of a policy of the tree. */
  compiled(policy: NetworkPolicy): CompiledPolicy | undefined {
    this.compiledByPolicy ??= new Map(this.analysis.policies.map((p) => [p.policy, p]));
    return this.compiledByPolicy.get(policy);
  }

  /** Pod classes whose pods the policy selects (stand-ins included). */
  subjectClasses(compiled: CompiledPolicy): EndpointClass[] {
    return [...(this.classes().byMatcher.get(compiled.subject.id) ?? [])];
  }

  /** The endpoint classes a rule's peers admit (every class for a rule without peers). */
  peerClasses(rule: CompiledRule): readonly EndpointClass[] {
    if (rule.allPeers) return this.analysis.classes;
    const { byMatcher, byIpBlock } = this.classes();
    const out = new Set<EndpointClass>();
    for (const m of rule.podMatchers) for (const c of byMatcher.get(m.id) ?? []) out.add(c);
    for (const b of rule.ipBlocks) for (const c of byIpBlock.get(b.id) ?? []) out.add(c);
    return [...out];
  }

  /** The workloads (repository or context) among a class's members; stand-ins are left out. */
  workloadsOf(cls: EndpointClass): PodEndpoint[] {
    const out: PodEndpoint[] = [];
    for (const i of cls.members) {
      const endpoint = this.analysis.endpoints[i];
      if (endpoint && isPodEndpoint(endpoint) && endpoint.workload) out.push(endpoint);
    }
    return out;
  }

  /**
   * A class for one hypothetical pod with the given labels in the given namespace, evaluated
   * against the tree's policies exactly as the engine evaluates its own classes. Named ports
   * resolve only to the given container ports (`name/protocol` → number): none by default.
   */
  syntheticPodClass(
    namespace: string,
    nsLabels: Labels,
    podLabels: Labels,
    namedPorts: ReadonlyMap<string, number> = new Map(),
  ): EndpointClass {
    const key = JSON.stringify([namespace, nsLabels, podLabels, [...namedPorts]]);
    const known = this.synthetic.get(key);
    if (known) return known;
    const { byNamespace, bySelector } = this.matchers();
    const matchers = new Set<number>();
    for (const m of byNamespace.get(namespace) ?? []) {
      if (selectorMatches(m.podSelector, podLabels)) matchers.add(m.id);
    }
    for (const m of bySelector) {
      const nsSelector = m.namespaceSelector as LabelSelector;
      if (selectorMatches(nsSelector, nsLabels) && selectorMatches(m.podSelector, podLabels))
        matchers.add(m.id);
    }
    const selecting = this.analysis.policies.filter((p) => matchers.has(p.subject.id));
    const cls: EndpointClass = {
      index: -1,
      external: false,
      matchers,
      ipBlocks: new Set(),
      selectedBy: {
        ingress: selecting.filter((p) => p.rules.ingress),
        egress: selecting.filter((p) => p.rules.egress),
      },
      namedPorts,
      members: [],
    };
    this.synthetic.set(key, cls);
    return cls;
  }

  /** Labels of a namespace as the engine sees it (placeholders included), for synthetic pods. */
  engineNamespaceLabels(namespace: string): Labels {
    return this.analysis.namespaces.get(namespace) ?? { [NAMESPACE_NAME_LABEL]: namespace };
  }

  /** Every matcher of the compiled policies, by the namespace it is bound to, or needing a namespaceSelector. */
  private matchers(): { byNamespace: Map<string, PeerMatcher[]>; bySelector: PeerMatcher[] } {
    if (!this.matcherIndex) {
      const byId = new Map<number, PeerMatcher>();
      for (const p of this.analysis.policies) {
        byId.set(p.subject.id, p.subject);
        for (const rules of Object.values(p.rules)) {
          for (const rule of rules) for (const m of rule.podMatchers) byId.set(m.id, m);
        }
      }
      const byNamespace = new Map<string, PeerMatcher[]>();
      const bySelector: PeerMatcher[] = [];
      for (const m of byId.values()) {
        if (m.namespace === undefined) {
          if (m.namespaceSelector) bySelector.push(m);
          continue;
        }
        const list = byNamespace.get(m.namespace);
        if (list) list.push(m);
        else byNamespace.set(m.namespace, [m]);
      }
      this.matcherIndex = { byNamespace, bySelector };
    }
    return this.matcherIndex;
  }

  /** Pod classes per matcher id, external classes per ipBlock id. */
  private classes(): { byMatcher: Map<number, EndpointClass[]>; byIpBlock: Map<number, EndpointClass[]> } {
    if (!this.classIndex) {
      const byMatcher = new Map<number, EndpointClass[]>();
      const byIpBlock = new Map<number, EndpointClass[]>();
      const add = (map: Map<number, EndpointClass[]>, id: number, cls: EndpointClass): void => {
        const list = map.get(id);
        if (list) list.push(cls);
        else map.set(id, [cls]);
      };
      for (const cls of this.analysis.classes) {
        for (const id of cls.matchers) add(byMatcher, id, cls);
        for (const id of cls.ipBlocks) add(byIpBlock, id, cls);
      }
      this.classIndex = { byMatcher, byIpBlock };
    }
    return this.classIndex;
  }

  private collectPods(): KnownPod[] {
    const pods: KnownPod[] = [];
    const seen = new Set<string>();
    for (const w of this.tree.workloads) {
      seen.add(JSON.stringify([w.kind, w.namespace, w.name]));
      pods.push({
        namespace: w.namespace,
        labels: w.podLabels,
        ports: w.ports,
        object: `${w.kind} ${w.namespace}/${w.name}`,
        // The review merges the cluster context into the tree before analysing it.
        inRepository: this.inRepository(w),
      });
    }
    for (const w of this.options.context?.workloads ?? []) {
      // As the review's merge names them: an unknown kind is taken for a Deployment.
      const kind = (WORKLOAD_KINDS as readonly string[]).includes(w.kind ?? "")
        ? (w.kind as string)
        : "Deployment";
      const key = JSON.stringify([kind, w.namespace, w.name]);
      if (seen.has(key)) continue;
      seen.add(key);
      pods.push({
        namespace: w.namespace,
        labels: w.labels,
        ports: (w.ports ?? []).map((p) => ({
          ...(p.name !== undefined && { name: p.name }),
          port: p.port,
          protocol: p.protocol ?? "TCP",
        })),
        object: `${kind} ${w.namespace}/${w.name}`,
        inRepository: false,
      });
    }
    return pods;
  }
}
