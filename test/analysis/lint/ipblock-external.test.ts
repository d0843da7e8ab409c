import { describe, expect, it } from "vitest";
import { findings, only, yaml } from "./helpers.js";

/** shop/p: egress to the given peer (line 9). */
const egress = (peer: string) => yaml`
  apiVersion: networking.k8s.io/v1
  kind: NetworkPolicy
  metadata: { name: p, namespace: shop }
  spec:
    podSelector: {}
    policyTypes: [Egress]
    egress:
    - to:
      - ${peer}
      ports: [{ port: 443 }]
`;

describe("ipblock-external", () => {
  it("notes every ipBlock, at the peer's line", () => {
    const finding = only("ipblock-external", { "p.yaml": egress("ipBlock: { cidr: 203.0.113.0/24 }") });
    expect(finding).toMatchObject({
      severity: "notice",
      file: "p.yaml",
      line: 9,
      object: "NetworkPolicy shop/p",
    });
    expect(finding.message).toContain(
      "egress rule 1 allows traffic to 203.0.113.0/24, addresses outside the cluster's pods",
    );
  });

  it("warns about the whole IPv4 internet, naming the exceptions", () => {
    const finding = only("ipblock-external", {
      "p.yaml": egress("ipBlock: { cidr: 0.0.0.0/0, except: [10.0.0.0/8] }"),
    });
    expect(finding).toMatchObject({ severity: "warning", file: "p.yaml", line: 9 });
    expect(finding.message).toContain("every IPv4 address (0.0.0.0/0 except 10.0.0.0/8)");
  });

  it("warns about ::/0", () => {
    const finding = only("ipblock-external", { "p.yaml": egress('ipBlock: { cidr: "::/0" }') });
    expect(finding).toMatchObject({ severity: "warning", line: 9 });
    expect(finding.message).toContain("every IPv6 address (::/0)");
  });

  it("does not report pod peers", () => {
    expect(findings("ipblock-external", { "p.yaml": egress("namespaceSelector: {}") })).toEqual([]);
  });
});
