import { describe, expect, it } from "vitest";
import { findings, only, yaml } from "./helpers.js";

/** shop/p: one ingress rule from app=web with the given ports list (its first entry on line 11). */
const ingress = (ports: string, policyTypes = "[Ingress]") => yaml`
  apiVersion: networking.k8s.io/v1
  kind: NetworkPolicy
  metadata: { name: p, namespace: shop }
  spec:
    podSelector: { matchLabels: { app: api } }
    policyTypes: ${policyTypes}
    ingress:
    - from:
      - podSelector: { matchLabels: { app: web } }
      ports:
${ports}
`;

describe("port-entry-without-port", () => {
  it("warns about a ports entry with a protocol and no port, at the entry's line (argo-cd 33d691eccd)", () => {
    const finding = only("port-entry-without-port", {
      "p.yaml": ingress("      - port: 8080\n      - protocol: TCP"),
    });
    expect(finding).toMatchObject({
      severity: "warning",
      file: "p.yaml",
      line: 12,
      object: "NetworkPolicy shop/p",
    });
    expect(finding.message).toBe(
      "A ports entry of ingress rule 1 names protocol TCP but no port, so it allows every TCP port from the rule's peers.",
    );
  });

  it("names the protocol the entry defaults to or states", () => {
    const [first, second] = findings("port-entry-without-port", {
      "p.yaml": ingress("      - {}\n      - protocol: UDP"),
    });
    expect(first).toMatchObject({ line: 11 });
    expect(first?.message).toContain("every TCP port");
    expect(second).toMatchObject({ line: 12 });
    expect(second?.message).toContain("every UDP port");
  });

  it("does not report entries with a port number, a named port or a range", () => {
    const ports =
      "      - port: 80\n      - port: http\n      - { port: 8000, endPort: 8080, protocol: UDP }";
    expect(findings("port-entry-without-port", { "p.yaml": ingress(ports) })).toEqual([]);
  });

  it("does not report rules of a direction the policy does not isolate", () => {
    expect(
      findings("port-entry-without-port", { "p.yaml": ingress("      - protocol: TCP", "[Egress]") }),
    ).toEqual([]);
  });
});
