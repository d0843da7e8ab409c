import { describe, expect, it } from "vitest";
import { deployment } from "../../helpers/trees.js";
import { APPS, findings, only, yaml } from "./helpers.js";

/** `shop/p` selecting app=api, with one ingress rule whose single peer is `peer` (line 9) on TCP 80. */
const ingressFrom = (peer: string) => yaml`
  apiVersion: networking.k8s.io/v1
  kind: NetworkPolicy
  metadata:
    name: p
    namespace: shop
  spec:
    podSelector: { matchLabels: { app: api } }
    ingress:
    - from:
      - ${peer}
      ports:
      - port: 80
`;

const DNS = yaml`
  apiVersion: networking.k8s.io/v1
  kind: NetworkPolicy
  metadata:
    name: dns
    namespace: shop
  spec:
    podSelector: {}
    policyTypes: [Egress]
    egress:
    - to:
      - namespaceSelector: { matchLabels: { kubernetes.io/metadata.name: kube-system } }
        podSelector: { matchLabels: { k8s-app: kube-dns } }
`;

describe("peer-matches-nothing", () => {
  it("reports a pod peer that matches no workload of its namespace, at the peer's line, with a suggestion", () => {
    const finding = only("peer-matches-nothing", {
      "apps.yaml": APPS,
      "policy.yaml": ingressFrom("podSelector: { matchLabels: { app: wbe } }"),
    });
    expect(finding).toMatchObject({
      severity: "warning",
      file: "policy.yaml",
      line: 10,
      object: "NetworkPolicy shop/p",
    });
    expect(finding.message).toContain("ingress rule 1 (from pods with app=wbe in namespace shop)");
    expect(finding.message).toContain("matches no workload in namespace shop");
    expect(finding.message).toContain("did you mean app=web?");
  });

  it("suggests a namespace when the namespaceSelector is a near miss of one", () => {
    const finding = only("peer-matches-nothing", {
      "apps.yaml": APPS,
      "policy.yaml": ingressFrom("namespaceSelector: { matchLabels: { kubernetes.io/metadata.name: dta } }"),
    });
    expect(finding).toMatchObject({ severity: "warning", file: "policy.yaml", line: 10 });
    expect(finding.message).toContain("did you mean kubernetes.io/metadata.name=data?");
  });

  it("is a notice for pods in a namespace the repository does not describe", () => {
    const finding = only("peer-matches-nothing", { "apps.yaml": APPS, "dns.yaml": DNS });
    expect(finding).toMatchObject({
      severity: "notice",
      file: "dns.yaml",
      line: 11,
      object: "NetworkPolicy shop/dns",
    });
    expect(finding.message).toContain(
      "egress rule 1 (to pods with k8s-app=kube-dns in namespace kube-system)",
    );
    expect(finding.message).toContain("no namespace in this repository or the cluster context matches");
    expect(finding.fix).toContain("cluster context");
  });

  it("is a notice, not a warning, for a peer whose namespaceSelector also covers namespaces the repository does not describe", () => {
    // The DNS rule of almost every egress policy: kube-dns lives in kube-system, which
    // `namespaceSelector: {}` covers although no manifest describes it.
    const everyNamespace = ingressFrom(
      "namespaceSelector: {}\n        podSelector: { matchLabels: { k8s-app: kube-dns } }",
    );
    const finding = only("peer-matches-nothing", { "apps.yaml": APPS, "policy.yaml": everyNamespace });
    expect(finding).toMatchObject({ severity: "notice", file: "policy.yaml", line: 10 });
    expect(finding.message).toBe(
      "The peer of ingress rule 1 (from pods with k8s-app=kube-dns in every namespace) matches no known pod: no workload of namespaces data and shop carries these labels, and the peer also covers namespaces this repository does not describe, so whether the rule allows anything cannot be checked.",
    );
  });

  it("stays a warning with its suggestion for a close typo, even when the namespaceSelector covers undescribed namespaces", () => {
    const typo = ingressFrom("namespaceSelector: {}\n        podSelector: { matchLabels: { app: wbe } }");
    const finding = only("peer-matches-nothing", { "apps.yaml": APPS, "policy.yaml": typo });
    expect(finding).toMatchObject({ severity: "warning", line: 10 });
    expect(finding.message).toContain("did you mean app=web?");
  });

  it("does not report pods declared in the cluster context", () => {
    const context = {
      namespaces: [{ name: "kube-system", labels: {} }],
      workloads: [{ namespace: "kube-system", name: "coredns", labels: { "k8s-app": "kube-dns" } }],
    };
    expect(findings("peer-matches-nothing", { "apps.yaml": APPS, "dns.yaml": DNS }, { context })).toEqual([]);
  });

  it("does not report a peer that matches a workload", () => {
    const files = {
      "apps.yaml": APPS,
      "policy.yaml": ingressFrom("podSelector: { matchLabels: { app: web } }"),
    };
    expect(findings("peer-matches-nothing", files)).toEqual([]);
  });

  it("does not report peers that select every pod of their namespaces", () => {
    for (const peer of ["podSelector: {}", "namespaceSelector: {}"]) {
      expect(findings("peer-matches-nothing", { "policy.yaml": ingressFrom(peer) })).toEqual([]);
    }
  });

  it("does not judge rules of a direction policyTypes leaves out", () => {
    const policy = yaml`
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: { name: p, namespace: shop }
      spec:
        podSelector: {}
        policyTypes: [Ingress]
        egress:
        - to: [{ podSelector: { matchLabels: { app: wbe } } }]
    `;
    expect(findings("peer-matches-nothing", { "apps.yaml": APPS, "policy.yaml": policy })).toEqual([]);
  });
});

describe("peer-matches-nothing suggestions", () => {
  /** kubeflow runs kserve; default runs centraldashboard. */
  const KUBEFLOW = `${deployment("kubeflow", "kserve", { app: "kserve" })}---\n${deployment("default", "centraldashboard", { app: "centraldashboard" })}`;
  const fromDashboard = yaml`
    apiVersion: networking.k8s.io/v1
    kind: NetworkPolicy
    metadata: { name: p, namespace: kubeflow }
    spec:
      podSelector: { matchLabels: { app: kserve } }
      ingress:
      - from:
        - podSelector: { matchLabels: { app: centraldashboard } }
`;

  it("never suggests an unrelated label of the namespace, and names the namespace where the labels do exist", () => {
    const finding = only("peer-matches-nothing", { "apps.yaml": KUBEFLOW, "policy.yaml": fromDashboard });
    expect(finding).toMatchObject({ severity: "warning", file: "policy.yaml", line: 8 });
    expect(finding.message).not.toContain("did you mean");
    expect(finding.message).toBe(
      "The peer of ingress rule 1 (from pods with app=centraldashboard in namespace kubeflow) matches no workload in namespace kubeflow, so the rule allows traffic from pods that do not exist; Deployment default/centraldashboard carries these labels in namespace default, which the peer does not cover.",
    );
    expect(finding.fix).toBe(
      "If the peer means those pods, give it a namespaceSelector that selects namespace default.",
    );
  });
});
