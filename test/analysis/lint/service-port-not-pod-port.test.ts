import { describe, expect, it } from "vitest";
import { deployment } from "../../helpers/trees.js";
import { findings, only, yaml } from "./helpers.js";

/** shop/admin listens on https 8443; its Service maps 443 to the named port. */
const ADMIN =
  deployment("shop", "admin", { app: "admin" }, [{ name: "https", containerPort: 8443 }]) +
  deployment("shop", "web", { app: "web" }) +
  yaml`
    apiVersion: v1
    kind: Service
    metadata: { name: admin, namespace: shop }
    spec:
      selector: { app: admin }
      ports:
      - { name: https, port: 443, targetPort: https }
      - { name: plain, port: 8080 }
  `;

const ingress = (port: number) => yaml`
  apiVersion: networking.k8s.io/v1
  kind: NetworkPolicy
  metadata: { name: admin-ingress, namespace: shop }
  spec:
    podSelector: { matchLabels: { app: admin } }
    ingress:
    - from: [{ podSelector: { matchLabels: { app: web } } }]
      ports:
      - port: ${port}
`;

describe("service-port-not-pod-port", () => {
  it("reports an ingress port that is the Service's port, not the pods', at the port's line", () => {
    const finding = only("service-port-not-pod-port", { "apps.yaml": ADMIN, "p.yaml": ingress(443) });
    expect(finding).toMatchObject({
      severity: "warning",
      file: "p.yaml",
      line: 9,
      object: "NetworkPolicy shop/admin-ingress",
    });
    expect(finding.message).toContain(
      "ingress rule 1 allows TCP port 443, which is the port of Service shop/admin, not of its pods: the Service forwards it to 8443 (named https)",
    );
    expect(finding.fix).toContain("the named port https");
  });

  it("reports an egress port towards the Service's pods the same way", () => {
    const egress = yaml`
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: { name: web-egress, namespace: shop }
      spec:
        podSelector: { matchLabels: { app: web } }
        policyTypes: [Egress]
        egress:
        - to: [{ podSelector: { matchLabels: { app: admin } } }]
          ports: [{ port: 443 }]
    `;
    const finding = only("service-port-not-pod-port", { "apps.yaml": ADMIN, "p.yaml": egress });
    expect(finding).toMatchObject({ file: "p.yaml", line: 9 });
    expect(finding.message).toContain("egress rule 1 allows TCP port 443");
  });

  it("does not report the pods' own port", () => {
    expect(findings("service-port-not-pod-port", { "apps.yaml": ADMIN, "p.yaml": ingress(8443) })).toEqual(
      [],
    );
  });

  it("does not report a Service port whose targetPort is the same port", () => {
    expect(findings("service-port-not-pod-port", { "apps.yaml": ADMIN, "p.yaml": ingress(8080) })).toEqual(
      [],
    );
  });

  it("does not report a port some selected pod listens on", () => {
    const listens = ADMIN.replace("containerPort: 8443", "containerPort: 8443\n        - containerPort: 443");
    expect(listens).toContain("- containerPort: 443");
    expect(findings("service-port-not-pod-port", { "apps.yaml": listens, "p.yaml": ingress(443) })).toEqual(
      [],
    );
  });
});
