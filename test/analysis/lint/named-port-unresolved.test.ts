import { describe, expect, it } from "vitest";
import { APPS, findings, only, yaml } from "./helpers.js";

/** shop/p isolates app=api for ingress; `port` is its single port entry, at line 8. */
const ingress = (port: string) => yaml`
  apiVersion: networking.k8s.io/v1
  kind: NetworkPolicy
  metadata: { name: p, namespace: shop }
  spec:
    podSelector: { matchLabels: { app: api } }
    ingress:
    - ports:
      - ${port}
`;

/** shop/p isolates app=web for egress towards `to`, on `port` (line 9). */
const egress = (to: string, port: string) => yaml`
  apiVersion: networking.k8s.io/v1
  kind: NetworkPolicy
  metadata: { name: p, namespace: shop }
  spec:
    podSelector: { matchLabels: { app: web } }
    policyTypes: [Egress]
    egress:
    - to: [${to}]
      ports: [${port}]
`;

describe("named-port-unresolved", () => {
  it("reports a named port no selected pod declares, at the port's line", () => {
    const finding = only("named-port-unresolved", { "apps.yaml": APPS, "p.yaml": ingress("port: metrics") });
    expect(finding).toMatchObject({
      severity: "warning",
      file: "p.yaml",
      line: 8,
      object: "NetworkPolicy shop/p",
    });
    expect(finding.message).toContain(
      "ingress rule 1 allows the TCP port named metrics, but none of the pods this policy selects (Deployment shop/api) declares a TCP container port named metrics",
    );
  });

  it("says when the name exists with another protocol", () => {
    const finding = only("named-port-unresolved", { "apps.yaml": APPS, "p.yaml": ingress("port: dns") });
    expect(finding.message).toContain("(Deployment shop/api declares it for UDP)");
  });

  it("does not report a name the pods declare with that protocol", () => {
    expect(findings("named-port-unresolved", { "apps.yaml": APPS, "p.yaml": ingress("port: http") })).toEqual(
      [],
    );
    const udp = ingress("{ port: dns, protocol: UDP }");
    expect(findings("named-port-unresolved", { "apps.yaml": APPS, "p.yaml": udp })).toEqual([]);
  });

  it("resolves an egress rule's named port on the pods its peers match", () => {
    const api = "{ podSelector: { matchLabels: { app: api } } }";
    expect(
      findings("named-port-unresolved", { "apps.yaml": APPS, "p.yaml": egress(api, "{ port: http }") }),
    ).toEqual([]);
    const finding = only("named-port-unresolved", {
      "apps.yaml": APPS,
      "p.yaml": egress(api, "{ port: pg }"),
    });
    expect(finding).toMatchObject({ file: "p.yaml", line: 9 });
    expect(finding.message).toContain("none of the pods this rule sends to (Deployment shop/api)");
  });

  it("reports a named port towards ipBlock peers only", () => {
    const finding = only("named-port-unresolved", {
      "apps.yaml": APPS,
      "p.yaml": egress("{ ipBlock: { cidr: 192.0.2.0/24 } }", "{ port: https }"),
    });
    expect(finding).toMatchObject({ file: "p.yaml", line: 9 });
    expect(finding.message).toContain("to ipBlock peers only");
  });

  it("towards pods that are not in the repository, gives only a notice (their ports are unknown)", () => {
    const dns = "{ namespaceSelector: { matchLabels: { kubernetes.io/metadata.name: kube-system } } }";
    const found = findings("named-port-unresolved", {
      "apps.yaml": APPS,
      "p.yaml": egress(dns, "{ port: dns }"),
    });
    expect(found.map((f) => f.severity)).toEqual(["notice"]);
  });
});

describe("named-port-unresolved towards pods outside the repository", () => {
  it("is a notice saying the ports are unknown and how to declare them", () => {
    const found = findings("named-port-unresolved", {
      "p.yaml": `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: dns, namespace: shop }
spec:
  podSelector: {}
  policyTypes: [Egress]
  egress:
  - to: [{ namespaceSelector: { matchLabels: { kubernetes.io/metadata.name: kube-system } }, podSelector: { matchLabels: { k8s-app: kube-dns } } }]
    ports:
    - { protocol: UDP, port: dns }
`,
    });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ severity: "notice", file: "p.yaml", line: 10 });
    expect(found[0]?.message).toContain("port named dns to pods that are not in the repository");
    expect(found[0]?.fix).toContain("context.workloads");
  });
});
