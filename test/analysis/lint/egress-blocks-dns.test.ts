import { describe, expect, it } from "vitest";
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

/** Every pod of shop may send DNS on `ports` to kube-dns (not in the repository). */
const dnsPolicy = (ports: string) => yaml`
  apiVersion: networking.k8s.io/v1
  kind: NetworkPolicy
  metadata: { name: allow-dns, namespace: shop }
  spec:
    podSelector: {}
    policyTypes: [Egress]
    egress:
    - to:
      - namespaceSelector: { matchLabels: { kubernetes.io/metadata.name: kube-system } }
        podSelector: { matchLabels: { k8s-app: kube-dns } }
      ports: ${ports}
`;

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
    expect(finding.message).toContain("may send DNS queries on UDP port 53 but not on TCP port 53");
  });

  it("accepts DNS allowed to an address range (node-local DNS)", () => {
    const nodeLocal = yaml`
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: { name: node-local-dns, namespace: shop }
      spec:
        podSelector: {}
        policyTypes: [Egress]
        egress:
        - to: [{ ipBlock: { cidr: 169.254.20.10/32 } }]
          ports: [{ port: 53, protocol: UDP }, { port: 53, protocol: TCP }]
    `;
    const files = { "apps.yaml": APPS, "web.yaml": WEB_EGRESS, "dns.yaml": nodeLocal };
    expect(findings("egress-blocks-dns", files)).toEqual([]);
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
