import { describe, expect, it } from "vitest";
import { deployment } from "../../helpers/trees.js";
import { APPS, findings, only, yaml } from "./helpers.js";

/** shop/web may send only TCP 9000 to app=api. */
const WEB_EGRESS = yaml`
  apiVersion: networking.k8s.io/v1
  kind: NetworkPolicy
  metadata: { name: web-egress, namespace: shop }
  spec:
    podSelector: { matchLabels: { app: web } }
    policyTypes: [Egress]
    egress:
    - to: [{ podSelector: { matchLabels: { app: api } } }]
      ports: [{ port: 9000 }]
`;

/** `shop/<name>` isolates every pod of shop for egress, with one egress rule (a flow mapping); it starts at line 1. */
const everyPodEgress = (name: string, rule: string) => yaml`
  apiVersion: networking.k8s.io/v1
  kind: NetworkPolicy
  metadata: { name: ${name}, namespace: shop }
  spec:
    podSelector: {}
    policyTypes: [Egress]
    egress:
    - ${rule}
`;

const DNS_PORTS = "[{ port: 53, protocol: UDP }, { port: 53, protocol: TCP }]";

/** Every pod of shop may send DNS on `ports` to kube-dns (not in the repository). */
const dnsPolicy = (ports: string) =>
  everyPodEgress(
    "allow-dns",
    `{ to: [{ namespaceSelector: { matchLabels: { kubernetes.io/metadata.name: kube-system } }, podSelector: { matchLabels: { k8s-app: kube-dns } } }], ports: ${ports} }`,
  );

const DEFAULT_DENY = (namespace: string) => yaml`
  apiVersion: networking.k8s.io/v1
  kind: NetworkPolicy
  metadata: { name: default-deny, namespace: ${namespace} }
  spec:
    podSelector: {}
    policyTypes: [Ingress, Egress]
`;

describe("egress-blocks-dns", () => {
  it("reports pods isolated for egress with no port 53 allowed anywhere, at the isolating policy", () => {
    const finding = only("egress-blocks-dns", { "apps.yaml": APPS, "web.yaml": WEB_EGRESS });
    expect(finding).toMatchObject({
      severity: "warning",
      file: "web.yaml",
      line: 1,
      object: "NetworkPolicy shop/web-egress",
    });
    expect(finding.message).toContain(
      "No egress rule lets the pods this policy isolates for egress (Deployment shop/web) send DNS queries on UDP or TCP port 53",
    );
  });

  it("does not report pods allowed DNS on UDP and TCP 53 by another policy", () => {
    const files = {
      "apps.yaml": APPS,
      "web.yaml": WEB_EGRESS,
      "dns.yaml": dnsPolicy("[{ port: 53, protocol: UDP }, { port: 53, protocol: TCP }]"),
    };
    expect(findings("egress-blocks-dns", files)).toEqual([]);
  });

  it("is a notice when only TCP 53 is missing", () => {
    const files = {
      "apps.yaml": APPS,
      "web.yaml": WEB_EGRESS,
      "dns.yaml": dnsPolicy("[{ port: 53, protocol: UDP }]"),
    };
    // allow-dns selects every pod of shop and is the broadest isolating policy: it carries the finding.
    const finding = only("egress-blocks-dns", files);
    expect(finding).toMatchObject({ severity: "notice", file: "dns.yaml", line: 1 });
    expect(finding.message).toContain("(Deployment shop/api and Deployment shop/web)");
    expect(finding.message).toContain(
      "may send DNS queries to kube-dns (pods with k8s-app=kube-dns in namespace kube-system) on UDP port 53 but not on TCP port 53",
    );
  });

  it("is only a notice when DNS goes to an address range alone (a node-local DNS cache?)", () => {
    const nodeLocal = everyPodEgress(
      "node-local-dns",
      `{ to: [{ ipBlock: { cidr: 169.254.20.10/32 } }], ports: ${DNS_PORTS} }`,
    );
    const files = { "apps.yaml": APPS, "web.yaml": WEB_EGRESS, "dns.yaml": nodeLocal };
    const finding = only("egress-blocks-dns", files);
    expect(finding).toMatchObject({ severity: "notice", file: "dns.yaml", line: 1 });
    expect(finding.message).toBe(
      "The pods this policy isolates for egress (Deployment shop/api and Deployment shop/web) may send DNS queries on UDP port 53 only to address ranges (ipBlock), not to kube-dns (pods with k8s-app=kube-dns in namespace kube-system); that works only if they resolve names through a node-local DNS cache or a resolver at those addresses.",
    );
  });

  it("reports pods whose egress stays within their own namespace, on every port", () => {
    const ownNamespace = everyPodEgress("same-namespace", "{ to: [{ podSelector: {} }] }");
    const finding = only("egress-blocks-dns", { "apps.yaml": APPS, "egress.yaml": ownNamespace });
    expect(finding).toMatchObject({
      severity: "warning",
      file: "egress.yaml",
      line: 1,
      object: "NetworkPolicy shop/same-namespace",
    });
    expect(finding.message).toBe(
      "No egress rule lets the pods this policy isolates for egress (Deployment shop/api and Deployment shop/web) send DNS queries on UDP or TCP port 53 to kube-dns (pods with k8s-app=kube-dns in namespace kube-system), so they cannot resolve names (service names included).",
    );
  });

  it("reports port 53 allowed only to pods of the policy's own namespace (a peer without namespaceSelector)", () => {
    const wrongPeer = everyPodEgress(
      "allow-dns",
      `{ to: [{ podSelector: { matchLabels: { k8s-app: kube-dns } } }], ports: ${DNS_PORTS} }`,
    );
    const finding = only("egress-blocks-dns", { "apps.yaml": APPS, "dns.yaml": wrongPeer });
    expect(finding).toMatchObject({ severity: "warning", file: "dns.yaml", line: 1 });
    expect(finding.message).toContain("send DNS queries on UDP or TCP port 53 to kube-dns");
  });

  it("counts DNS to kube-dns by CoreDNS's named ports", () => {
    const named = dnsPolicy("[{ port: dns, protocol: UDP }, { port: dns-tcp, protocol: TCP }]");
    expect(
      findings("egress-blocks-dns", { "apps.yaml": APPS, "web.yaml": WEB_EGRESS, "dns.yaml": named }),
    ).toEqual([]);
  });

  it("counts DNS to a kube-dns workload that the cluster context declares with more labels", () => {
    const toCoreDns = everyPodEgress(
      "allow-dns",
      `{ to: [{ namespaceSelector: {}, podSelector: { matchLabels: { app.kubernetes.io/name: coredns } } }], ports: ${DNS_PORTS} }`,
    );
    const files = { "apps.yaml": APPS, "dns.yaml": toCoreDns };
    const context = {
      namespaces: [],
      workloads: [
        {
          namespace: "kube-system",
          name: "coredns",
          labels: { "k8s-app": "kube-dns", "app.kubernetes.io/name": "coredns" },
        },
      ],
    };
    expect(findings("egress-blocks-dns", files, { context })).toEqual([]);
    // Without the context, nothing says that coredns pods are kube-dns.
    expect(findings("egress-blocks-dns", files)).toHaveLength(1);
  });

  it("reports each class of pods once, on the broadest policy isolating it", () => {
    const files = { "apps.yaml": APPS, "deny.yaml": DEFAULT_DENY("shop"), "web.yaml": WEB_EGRESS };
    const finding = only("egress-blocks-dns", files);
    expect(finding).toMatchObject({ file: "deny.yaml", line: 1, object: "NetworkPolicy shop/default-deny" });
    expect(finding.message).toContain("(Deployment shop/api and Deployment shop/web)");
  });

  it("judges a hypothetical pod in a namespace whose workloads are not in the repository", () => {
    const finding = only("egress-blocks-dns", { "deny.yaml": DEFAULT_DENY("batch") });
    expect(finding).toMatchObject({ severity: "warning", file: "deny.yaml", line: 1 });
    expect(finding.message).toContain("(every pod of namespace batch)");
  });

  it("does not report pods whose egress is not isolated", () => {
    expect(findings("egress-blocks-dns", { "apps.yaml": APPS })).toEqual([]);
  });

  it("counts DNS that an AdminNetworkPolicy allows", () => {
    const anp = yaml`
      apiVersion: policy.networking.k8s.io/v1alpha1
      kind: AdminNetworkPolicy
      metadata: { name: cluster-dns }
      spec:
        priority: 10
        subject: { namespaces: {} }
        egress:
        - name: allow-dns
          action: Allow
          to:
          - pods:
              namespaceSelector: { matchLabels: { kubernetes.io/metadata.name: kube-system } }
              podSelector: { matchLabels: { k8s-app: kube-dns } }
          ports:
          - portNumber: { protocol: UDP, port: 53 }
          - portNumber: { protocol: TCP, port: 53 }
    `;
    const files = { "apps.yaml": APPS, "web.yaml": WEB_EGRESS, "anp.yaml": anp };
    expect(findings("egress-blocks-dns", files)).toEqual([]);
    // Without the admin policy the same NetworkPolicy blocks DNS (the first test).
    expect(findings("egress-blocks-dns", { "apps.yaml": APPS, "web.yaml": WEB_EGRESS })).toHaveLength(1);
  });
});

describe("egress-blocks-dns and kube-dns's own pods", () => {
  const KUBE_SYSTEM =
    deployment("kube-system", "coredns", { "k8s-app": "kube-dns" }) +
    deployment("kube-system", "metrics-server", { "k8s-app": "metrics-server" });
  const upstreamOnly = yaml`
    apiVersion: networking.k8s.io/v1
    kind: NetworkPolicy
    metadata: { name: upstream-dns, namespace: kube-system }
    spec:
      podSelector: {}
      policyTypes: [Egress]
      egress:
      - { to: [{ ipBlock: { cidr: 8.8.8.8/32 } }], ports: [{ port: 53, protocol: UDP }] }
  `;

  it("does not judge kube-dns's pods, but does judge their neighbours", () => {
    const finding = only("egress-blocks-dns", { "apps.yaml": KUBE_SYSTEM, "dns.yaml": upstreamOnly });
    expect(finding).toMatchObject({ severity: "notice", file: "dns.yaml", line: 1 });
    expect(finding.message).toContain("(Deployment kube-system/metrics-server)");
    expect(finding.message).not.toContain("coredns");
  });
});
