import { describe, expect, it } from "vitest";
import { APPS, findings, only, yaml } from "./helpers.js";

/** shop/web-egress, with the given extra spec lines after podSelector (line 6 on). */
const webEgress = (extra = "") => yaml`
  apiVersion: networking.k8s.io/v1
  kind: NetworkPolicy
  metadata: { name: web-egress, namespace: shop }
  spec:
    podSelector: { matchLabels: { app: web } }
    ${extra}
    egress:
    - to: [{ podSelector: { matchLabels: { app: api } } }]
`;

const WEB_INGRESS = yaml`
  apiVersion: networking.k8s.io/v1
  kind: NetworkPolicy
  metadata: { name: web-ingress, namespace: shop }
  spec:
    podSelector: { matchLabels: { tier: frontend } }
    ingress:
    - ports: [{ port: 8080 }]
`;

describe("implicit-ingress-isolation", () => {
  it("reports egress rules without policyTypes, saying that all ingress is now denied", () => {
    const finding = only("implicit-ingress-isolation", { "apps.yaml": APPS, "web.yaml": webEgress() });
    expect(finding).toMatchObject({
      severity: "warning",
      file: "web.yaml",
      line: 1,
      object: "NetworkPolicy shop/web-egress",
    });
    expect(finding.message).toContain("no policyTypes, so Kubernetes makes it isolate ingress as well");
    expect(finding.message).toContain("every incoming connection to Deployment shop/web is now denied");
    expect(finding.fix).toContain("policyTypes: [Egress]");
  });

  it("says that pods another policy admits now accept only what that policy allows", () => {
    const files = { "apps.yaml": APPS, "web.yaml": webEgress(), "ingress.yaml": WEB_INGRESS };
    const finding = only("implicit-ingress-isolation", files);
    expect(finding.message).toContain("Deployment shop/web now accepts only what other policies allow");
  });

  it("does not report a policy with explicit policyTypes", () => {
    const files = { "apps.yaml": APPS, "web.yaml": webEgress("policyTypes: [Egress]") };
    expect(findings("implicit-ingress-isolation", files)).toEqual([]);
  });

  it("does not report a policy that has ingress rules too", () => {
    const files = { "apps.yaml": APPS, "web.yaml": webEgress("ingress: [{ ports: [{ port: 8080 }] }]") };
    expect(findings("implicit-ingress-isolation", files)).toEqual([]);
  });
});
