import type {
  Cause,
  CauseKind,
  GroupSide,
  PathGroup,
  Review,
  ReviewFinding,
  Revision,
} from "../../src/analysis/review/types.js";
import type { Severity } from "../../src/model/finding.js";
import { PortSet } from "../../src/model/port-set.js";

/** Hand-built review models: the renderers are tested on their input, not on the engine. */

export const tcp = (port: number): PortSet => PortSet.port("TCP", port);
export const udp = (port: number): PortSet => PortSet.port("UDP", port);

export function endpoint(label: string, change?: "added" | "removed"): GroupSide {
  return { kind: "endpoint", label, endpointIds: [label], ...(change && { change }) };
}

export function namespaceSide(namespace: string, workloads: readonly string[]): GroupSide {
  return {
    kind: "namespace",
    label: `${namespace}/*`,
    endpointIds: workloads.map((w) => `${namespace}/${w}`),
  };
}

export function external(label: string): GroupSide {
  return { kind: "external", label, endpointIds: [label] };
}

export function cause(
  kind: CauseKind,
  object: string,
  where: `${string}:${number}`,
  detail: string,
  side: "base" | "head" = "head",
): Cause {
  const at = where.lastIndexOf(":");
  return { kind, object, side, file: where.slice(0, at), line: Number(where.slice(at + 1)), detail };
}

export function group(
  src: GroupSide,
  dst: GroupSide,
  ports: PortSet,
  causes: readonly Cause[],
  pairs = src.endpointIds.length * dst.endpointIds.length,
): PathGroup {
  return { src, dst, ports, pairs, causes };
}

export function finding(
  rule: string,
  severity: Severity,
  where: `${string}:${number}`,
  object: string | undefined,
  message: string,
  options: { fix?: string; introduced?: boolean } = {},
): ReviewFinding {
  const at = where.lastIndexOf(":");
  return {
    rule,
    severity,
    file: where.slice(0, at),
    line: Number(where.slice(at + 1)),
    message,
    ...(object !== undefined && { object }),
    ...(options.fix !== undefined && { fix: options.fix }),
    introduced: options.introduced ?? true,
  };
}

export function review(parts: {
  base?: Revision;
  head?: Revision;
  opened?: readonly PathGroup[];
  closed?: readonly PathGroup[];
  findings?: readonly ReviewFinding[];
  workloads?: { base: number; head: number };
  policies?: { base: number; head: number };
}): Review {
  const opened = parts.opened ?? [];
  const closed = parts.closed ?? [];
  return {
    base: parts.base ?? { label: "main", sha: "4b1d6e0c9a7f3e2d1c0b9a8f7e6d5c4b3a291807" },
    head: parts.head ?? { label: "feature", sha: "9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e0d" },
    opened,
    closed,
    findings: parts.findings ?? [],
    stats: {
      openedPairs: opened.reduce((n, g) => n + g.pairs, 0),
      closedPairs: closed.reduce((n, g) => n + g.pairs, 0),
      workloads: parts.workloads ?? { base: 7, head: 7 },
      policies: parts.policies ?? { base: 25, head: 25 },
    },
  };
}

const backendIngress = cause(
  "policy-changed",
  "NetworkPolicy shop/backend-ingress",
  "shop/policies.yaml:99",
  "ingress rule 1 now allows this traffic",
);
const reportingAdded = cause(
  "workload-added",
  "CronJob payments/reporting",
  "payments/reporting.yaml:1",
  "new workload",
);
const reporting = endpoint("payments/reporting[CronJob]", "added");
const backend = endpoint("shop/backend[Deployment]");
const kubeDns = endpoint("pods with k8s-app=kube-dns in namespace kube-system");

const MISSING_DESCRIPTION_FIX =
  "Add a kubernetes.io/description annotation under metadata.annotations (or a comment right above the policy) saying what the policy is for and who relies on it.";
const BROAD_SELECTOR_FIX =
  "Select only the pods that need this traffic with podSelector.matchLabels; keep podSelector: {} for default-deny policies, which allow nothing.";

/**
 * The pull request of `examples/` (see examples/README.md): a nightly reporting job, a loosened
 * backend ingress, an admin API port mix-up, a relabelled frontend and a narrowed card
 * processor range, with the findings it introduces and a few it inherits.
 */
export const EXAMPLE_REVIEW: Review = review({
  base: { label: "main", sha: "4b1d6e0c9a7f3e2d1c0b9a8f7e6d5c4b3a291807" },
  head: { label: "nightly-reporting", sha: "9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e0d" },
  workloads: { base: 7, head: 8 },
  policies: { base: 25, head: 26 },
  opened: [
    group(endpoint("all pods in namespace ingress-nginx"), backend, tcp(8080), [backendIngress]),
    group(endpoint("any other pod in the cluster"), backend, tcp(8080), [backendIngress]),
    group(reporting, endpoint("data/postgres[StatefulSet]"), tcp(5432), [
      reportingAdded,
      cause(
        "policy-added",
        "NetworkPolicy payments/reporting-egress",
        "payments/policies.yaml:111",
        "new policy; its egress rule 1 allows this traffic",
      ),
      cause(
        "policy-changed",
        "NetworkPolicy data/postgres-ingress",
        "data/policies.yaml:55",
        "ingress rule 1 now allows this traffic",
      ),
    ]),
    group(reporting, kubeDns, tcp(53).union(udp(53)), [
      reportingAdded,
      cause(
        "policy-changed",
        "NetworkPolicy payments/allow-dns",
        "payments/policies.yaml:28",
        "egress rule 1 now allows this traffic",
      ),
    ]),
    group(reporting, backend, tcp(8080), [
      reportingAdded,
      cause(
        "policy-added",
        "NetworkPolicy payments/reporting-egress",
        "payments/policies.yaml:121",
        "new policy; its egress rule 2 allows this traffic",
      ),
      backendIngress,
    ]),
    group(kubeDns, backend, tcp(8080), [backendIngress]),
  ],
  closed: [
    group(endpoint("all pods in namespace ingress-nginx"), endpoint("shop/frontend[Deployment]"), tcp(3000), [
      cause(
        "pod-labels-changed",
        "Deployment shop/frontend",
        "shop/frontend.yaml:1",
        "pod labels tier: web → frontend",
      ),
      cause(
        "policy-changed",
        "NetworkPolicy shop/allow-from-ingress-nginx",
        "shop/policies.yaml:57",
        "ingress rule 1 no longer allows this traffic",
        "base",
      ),
    ]),
    group(endpoint("ops/bastion[Deployment]"), endpoint("payments/admin-api[Deployment]"), tcp(8443), [
      cause(
        "policy-changed",
        "NetworkPolicy payments/admin-api-ingress",
        "payments/policies.yaml:113",
        "ingress rule 1 no longer allows this traffic",
        "base",
      ),
    ]),
    group(endpoint("payments/payments-api[Deployment]"), external("203.0.113.128/25"), tcp(443), [
      cause(
        "policy-changed",
        "NetworkPolicy payments/payments-api-egress",
        "payments/policies.yaml:92",
        "egress rule 2 no longer allows this traffic",
        "base",
      ),
    ]),
  ],
  findings: [
    finding(
      "ipblock-external",
      "notice",
      "payments/policies.yaml:93",
      "NetworkPolicy payments/payments-api-egress",
      "egress rule 2 allows traffic to 203.0.113.0/25, addresses outside the cluster's pods; who answers there can change without any change to this repository.",
      { fix: "Keep the range as narrow as the pods need, and say in the policy's description who owns it." },
    ),
    finding(
      "missing-description",
      "warning",
      "payments/policies.yaml:99",
      "NetworkPolicy payments/reporting-egress",
      "No kubernetes.io/description or netpol-review/description annotation, and no comment right above it, says why this policy exists; reviewers cannot tell whether the traffic it allows or denies is intended.",
      { fix: MISSING_DESCRIPTION_FIX },
    ),
    finding(
      "service-port-not-pod-port",
      "warning",
      "payments/policies.yaml:154",
      "NetworkPolicy payments/admin-api-ingress",
      "ingress rule 1 allows TCP port 443, which is the port of Service payments/admin-api, not of its pods: the Service forwards it to 8443 (named https), and policies see the pods' port, so this entry does not allow the traffic sent through the Service (none of the pods this policy selects listens on 443).",
      { fix: "Use the pods' port (the named port https or its number) instead of the Service port 443." },
    ),
    finding(
      "selects-nothing",
      "warning",
      "shop/policies.yaml:41",
      "NetworkPolicy shop/allow-from-ingress-nginx",
      "podSelector tier=web matches no workload in namespace shop, so the policy applies to no pod and its rules do nothing; did you mean tier=api or tier=frontend?",
    ),
    finding(
      "broad-selector",
      "warning",
      "data/policies.yaml:14",
      "NetworkPolicy data/allow-dns",
      "podSelector is empty, so the policy's egress rules apply to every pod in namespace data, including pods added later.",
      { fix: BROAD_SELECTOR_FIX, introduced: false },
    ),
    finding(
      "peer-matches-nothing",
      "notice",
      "data/policies.yaml:27",
      "NetworkPolicy data/allow-dns",
      "The peer of egress rule 1 (to pods with k8s-app=kube-dns in namespace kube-system) matches no known pod: no namespace in this repository or the cluster context matches it, so whether the rule allows anything cannot be checked.",
      { introduced: false },
    ),
    finding(
      "missing-description",
      "warning",
      "shop/policies.yaml:65",
      "NetworkPolicy shop/allow-frontend-egress",
      "No kubernetes.io/description or netpol-review/description annotation, and no comment right above it, says why this policy exists; reviewers cannot tell whether the traffic it allows or denies is intended.",
      { fix: MISSING_DESCRIPTION_FIX, introduced: false },
    ),
  ],
});

/**
 * A second pull request: Prometheus may now scrape every workload of `shop` (one namespace-wide
 * line), the frontend is exposed to the internet, a legacy workload is retired, and one
 * manifest no longer parses. Revisions are directories, as with the CLI.
 */
export const NAMESPACE_REVIEW: Review = review({
  base: { label: "envs/prod-before" },
  head: { label: "envs/prod" },
  workloads: { base: 4, head: 3 },
  policies: { base: 6, head: 7 },
  opened: [
    group(
      namespaceSide("monitoring", ["prometheus[Deployment]", "alertmanager[StatefulSet]"]),
      namespaceSide("shop", ["frontend[Deployment]", "backend[Deployment]", "cart[Deployment]"]),
      PortSet.range("TCP", 9090, 9091),
      [
        cause(
          "policy-changed",
          "NetworkPolicy shop/allow-prometheus-scrape",
          "shop/policies.yaml:142",
          "ingress rule 1 now allows this traffic",
        ),
      ],
    ),
    group(external("0.0.0.0/0 except 10.0.0.0/8"), endpoint("shop/frontend[Deployment]"), tcp(443), [
      cause(
        "policy-added",
        "NetworkPolicy shop/allow-public-https",
        "shop/public.yaml:12",
        "new policy; its ingress rule 1 allows this traffic",
      ),
    ]),
  ],
  closed: [
    group(
      endpoint("shop/legacy-cart[Deployment]", "removed"),
      endpoint("data/postgres[StatefulSet]"),
      tcp(5432),
      [
        cause(
          "workload-removed",
          "Deployment shop/legacy-cart",
          "shop/legacy-cart.yaml:1",
          "workload removed",
          "base",
        ),
      ],
    ),
  ],
  findings: [
    finding(
      "ipblock-external",
      "warning",
      "shop/public.yaml:15",
      "NetworkPolicy shop/allow-public-https",
      "ingress rule 1 allows traffic from 0.0.0.0/0 except 10.0.0.0/8, which is the whole internet.",
      {
        fix: "Allow only the load balancer's ranges, or route public traffic through the ingress controller.",
      },
    ),
    finding(
      "invalid-manifest",
      "error",
      "shop/cart.yaml:9",
      "Deployment shop/cart",
      'spec.template.metadata.labels.version: expected a string, got a number (quote it: `"2"`).',
    ),
  ],
});
