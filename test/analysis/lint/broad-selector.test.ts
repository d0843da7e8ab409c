import { describe, expect, it } from "vitest";
import { findings, only, yaml } from "./helpers.js";

const policy = (podSelector: string, rest: string) => yaml`
  apiVersion: networking.k8s.io/v1
  kind: NetworkPolicy
  metadata: { name: p, namespace: shop }
  spec:
    podSelector: ${podSelector}
    policyTypes: [Ingress, Egress]
    ${rest}
`;

describe("broad-selector", () => {
  it("reports podSelector: {} in a policy that allows traffic", () => {
    const finding = only("broad-selector", {
      "p.yaml": policy("{}", "ingress: [{ from: [{ namespaceSelector: {} }] }]"),
    });
    expect(finding).toMatchObject({
      severity: "notice",
      file: "p.yaml",
      line: 1,
      object: "NetworkPolicy shop/p",
    });
    expect(finding.message).toContain(
      "podSelector is empty, so the policy's ingress rules apply to every pod in namespace shop, including pods added later",
    );
  });

  it("does not report a default deny", () => {
    expect(findings("broad-selector", { "p.yaml": policy("{}", "") })).toEqual([]);
  });

  it("does not report a policy that selects pods by label", () => {
    const text = policy("{ matchLabels: { app: web } }", "ingress: [{ from: [{ namespaceSelector: {} }] }]");
    expect(findings("broad-selector", { "p.yaml": text })).toEqual([]);
  });
});
