import { describe, expect, it } from "vitest";
import { findings, only, yaml } from "./helpers.js";

const policy = (policyTypes: string) => yaml`
  apiVersion: networking.k8s.io/v1
  kind: NetworkPolicy
  metadata: { name: p, namespace: shop }
  spec:
    podSelector: {}
    policyTypes: ${policyTypes}
    ingress:
    - from: [{ podSelector: {} }]
    egress:
    - to: [{ podSelector: {} }]
    - ports: [{ port: 53, protocol: UDP }]
`;

describe("ignored-rules", () => {
  it("reports rules of a direction policyTypes leaves out, at the first of them", () => {
    const finding = only("ignored-rules", { "p.yaml": policy("[Ingress]") });
    expect(finding).toMatchObject({
      severity: "warning",
      file: "p.yaml",
      line: 10,
      object: "NetworkPolicy shop/p",
    });
    expect(finding.message).toContain("policyTypes lists only Ingress, so its 2 egress rules are ignored");
    expect(finding.fix).toContain("Add Egress to policyTypes");
  });

  it("reports the ingress side the same way", () => {
    const finding = only("ignored-rules", { "p.yaml": policy("[Egress]") });
    expect(finding).toMatchObject({ file: "p.yaml", line: 8 });
    expect(finding.message).toContain("its ingress rule is ignored: it allows nothing");
  });

  it("does not report when policyTypes lists both directions", () => {
    expect(findings("ignored-rules", { "p.yaml": policy("[Ingress, Egress]") })).toEqual([]);
  });

  it("does not report a policy without policyTypes (Kubernetes derives them from the rules)", () => {
    const text = policy("[]").replace("  policyTypes: []\n", "");
    expect(findings("ignored-rules", { "p.yaml": text })).toEqual([]);
  });
});
