import { describe, expect, it } from "vitest";
import { findings, only, yaml } from "./helpers.js";

/** shop/p: web may be reached from app=api on 8080, plus the given ingress rules from line 10 on. */
const policy = (rules: string) => yaml`
  apiVersion: networking.k8s.io/v1
  kind: NetworkPolicy
  metadata: { name: p, namespace: shop }
  spec:
    podSelector: { matchLabels: { app: web } }
    ingress:
    - from: [{ podSelector: { matchLabels: { app: api } } }]
      ports: [{ port: 8080 }]
    ${rules}
`;

describe("allow-all-rule", () => {
  it("reports `- {}` next to narrower rules, at the rule's line", () => {
    const finding = only("allow-all-rule", { "p.yaml": policy("- {}") });
    expect(finding).toMatchObject({
      severity: "warning",
      file: "p.yaml",
      line: 9,
      object: "NetworkPolicy shop/p",
    });
    expect(finding.message).toContain(
      "ingress rule 2 has no from and no ports, so it allows every source on every port",
    );
  });

  it("treats empty from and ports lists like missing ones", () => {
    const finding = only("allow-all-rule", { "p.yaml": policy("- { from: [], ports: [] }") });
    expect(finding).toMatchObject({ file: "p.yaml", line: 9 });
  });

  it("does not report a rule that still limits the ports", () => {
    expect(findings("allow-all-rule", { "p.yaml": policy("- ports: [{ port: 9090 }]") })).toEqual([]);
  });

  it("does not report a deliberate allow-all policy", () => {
    const allowAll = yaml`
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: { name: allow-all-ingress, namespace: shop }
      spec:
        podSelector: {}
        ingress:
        - {}
    `;
    expect(findings("allow-all-rule", { "p.yaml": allowAll })).toEqual([]);
  });
});
