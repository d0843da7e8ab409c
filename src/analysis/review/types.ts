import type { Finding, Severity } from "../../model/finding.js";
import type { Direction } from "../../model/network-policy.js";
import type { PortSet } from "../../model/port-set.js";

/** Which revision a side of the review is: a commit (the app) or a path (the CLI). */
export interface Revision {
  /** What to show: a short SHA, a ref or a directory. */
  readonly label: string;
  readonly sha?: string;
}

/** One side of a grouped path: a single endpoint, every workload of a namespace, or address ranges. */
export interface GroupSide {
  readonly kind: "endpoint" | "namespace" | "external";
  /** Plain words, never escaped here: `shop/*`, `shop/web[Deployment]`, `0.0.0.0/0 except 10.0.0.0/8`. */
  readonly label: string;
  readonly endpointIds: readonly string[];
  /** Set when every endpoint on this side exists only at head (added) or only at base (removed). */
  readonly change?: "added" | "removed";
}

export type CauseKind =
  | "policy-added"
  | "policy-removed"
  | "policy-changed"
  /** An unchanged policy started or stopped selecting a pod whose labels changed. */
  | "selection-changed"
  | "workload-added"
  | "workload-removed"
  | "pod-labels-changed"
  | "ports-changed"
  | "namespace-labels-changed";

/** A change between base and head that explains why a path opened or closed. */
export interface Cause {
  readonly kind: CauseKind;
  /** `NetworkPolicy shop/allow-web`, `Deployment shop/web`, `Namespace data`. */
  readonly object: string;
  /** Where to look: at head, or at base when the object was removed. */
  readonly side: "base" | "head";
  readonly file: string;
  readonly line: number;
  /** Plain English, e.g. `ingress rule 2 now allows every namespace`. */
  readonly detail: string;
  readonly rule?: { readonly direction: Direction; readonly index: number };
  /** The direction a policy cause decides, also when no single rule does (isolation started or lifted). */
  readonly direction?: Direction;
}

/**
 * Opened (or closed) pairs that read as one line: every source in `src` gained (or lost) exactly
 * `ports` towards every destination in `dst`.
 */
export interface PathGroup {
  readonly src: GroupSide;
  readonly dst: GroupSide;
  readonly ports: PortSet;
  /** Endpoint pairs the line stands for. */
  readonly pairs: number;
  readonly causes: readonly Cause[];
  /**
   * One of the pairs, explained at base and at head on the changed ports (null where it does not
   * exist). Present on the first 200 groups of each list, more than any reply shows.
   */
  readonly example?: {
    readonly base: FlowExplanation | null;
    readonly head: FlowExplanation | null;
  };
}

export interface ReviewFinding extends Finding {
  /** True when the finding does not exist at base: the change introduced it. */
  readonly introduced: boolean;
}

/** Everything a review says about a change; every surface (comment, check, CLI) renders this. */
export interface Review {
  readonly base: Revision;
  readonly head: Revision;
  readonly opened: readonly PathGroup[];
  readonly closed: readonly PathGroup[];
  /** Lint findings and loader diagnostics at head, each marked introduced or pre-existing. */
  readonly findings: readonly ReviewFinding[];
  readonly stats: {
    readonly openedPairs: number;
    readonly closedPairs: number;
    readonly workloads: { readonly base: number; readonly head: number };
    readonly policies: { readonly base: number; readonly head: number };
  };
}

/** A namespace or workload that exists in the cluster but not in the repository. */
export interface ClusterContext {
  readonly namespaces: readonly {
    readonly name: string;
    readonly labels: Readonly<Record<string, string>>;
  }[];
  readonly workloads: readonly {
    readonly kind?: string;
    readonly namespace: string;
    readonly name: string;
    readonly labels: Readonly<Record<string, string>>;
    readonly ports?: readonly {
      readonly name?: string;
      readonly port: number;
      readonly protocol?: "TCP" | "UDP" | "SCTP";
    }[];
  }[];
}

export interface ReviewOptions {
  /** Annotation keys accepted as a policy's documentation; default `kubernetes.io/description`, `netpol-review/description`. */
  readonly descriptionAnnotations?: readonly string[];
  /** Per lint rule id: a severity, or `off`. */
  readonly rules?: Readonly<Record<string, Severity | "off">>;
  readonly context?: ClusterContext;
}

/** The verdict on one flow in one tree, direction by direction (CLI-JSON.md, explain). */
export interface FlowExplanation {
  readonly from: string;
  readonly to: string;
  /** Restricted to the queried port when one was given. */
  readonly allowed: PortSet;
  readonly egress: DirectionExplanation;
  readonly ingress: DirectionExplanation;
}

export interface DirectionExplanation {
  readonly direction: Direction;
  readonly isolated: boolean;
  readonly allowed: PortSet;
  readonly reasons: readonly Reason[];
}

export interface Reason {
  readonly direction: Direction;
  /** `denies` and `passes` come from admin policies (Deny, Pass); NetworkPolicy only allows or isolates. */
  readonly effect: "not-isolated" | "allows" | "isolates" | "denies" | "passes";
  /** Where in the tier walk the reason sits; absent when the tree has no admin policies. */
  readonly tier?: "Admin" | "NetworkPolicy" | "Baseline" | "Default";
  /** `NetworkPolicy ns/name`, `AdminNetworkPolicy name`; null for `not-isolated`. */
  readonly policy: string | null;
  readonly rule: number | null;
  readonly file: string | null;
  readonly line: number | null;
  /** What this rule admits of the flow (`allows`). */
  readonly ports?: PortSet;
  /** Plain English: why a selecting policy admits none of the flow, or how a rule matches. */
  readonly detail: string;
}
