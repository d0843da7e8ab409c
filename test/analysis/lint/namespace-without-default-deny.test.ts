import { describe, expect, it } from "vitest";
import { findings, only, yaml } from "./helpers.js";

const NAMESPACE = yaml`
  apiVersion: v1
  kind: Namespace
  metadata: { name: shop }
`;

/** Two workloads of shop: web starts at line 1, api at line 9. */
const WORKLOADS = yaml`
  apiVersion: v1
  kind: Pod
  metadata: { name: web, namespace: shop, labels: { app: web } }
  spec:
    containers: [{ name: c, image: i }]
  ---
  # api
  apiVersion: v1
  kind: Pod
  metadata: { name: api, namespace: shop, labels: { app: api } }
  spec:
    containers: [{ name: c, image: i }]
`;

/** shop/p with the given spec lines. */
const policy = (spec: string) => `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: p, namespace: shop }
spec:
${spec.replace(/^/gm, "  ")}
`;

describe("namespace-without-default-deny", () => {
  it("notes a namespace with workloads and no default deny, at its Namespace manifest", () => {
    const finding = only("namespace-without-default-deny", {
      "a-pods.yaml": WORKLOADS,
      "ns.yaml": NAMESPACE,
    });
    expect(finding).toMatchObject({ severity: "notice", file: "ns.yaml", line: 1, object: "Namespace shop" });
    expect(finding.message).toContain("Namespace shop has workloads but no default-deny ingress policy");
    expect(finding.fix).toContain("podSelector: {} and policyTypes: [Ingress]");
  });

  it("is placed at the namespace's first workload when the repository has no Namespace manifest", () => {
    const finding = only("namespace-without-default-deny", { "pods.yaml": WORKLOADS.replace("# api\n", "") });
    expect(finding).toMatchObject({ file: "pods.yaml", line: 1 });
  });

  it("does not report a namespace with a default-deny ingress policy", () => {
    const deny = policy("podSelector: {}\npolicyTypes: [Ingress]");
    expect(findings("namespace-without-default-deny", { "pods.yaml": WORKLOADS, "p.yaml": deny })).toEqual(
      [],
    );
  });

  it("counts any policy isolating every pod for ingress, even one with narrow exceptions", () => {
    const scrape = policy("podSelector: {}\ningress: [{ ports: [{ port: 9090 }] }]");
    expect(findings("namespace-without-default-deny", { "pods.yaml": WORKLOADS, "p.yaml": scrape })).toEqual(
      [],
    );
  });

  it("does not count a policy that allows everything", () => {
    const allowAll = policy("podSelector: {}\ningress: [{}]");
    const finding = only("namespace-without-default-deny", { "pods.yaml": WORKLOADS, "p.yaml": allowAll });
    expect(finding).toMatchObject({ file: "pods.yaml", line: 1 });
  });

  it("does not report namespaces that only the cluster context populates", () => {
    const context = { namespaces: [], workloads: [{ namespace: "ops", name: "bastion", labels: {} }] };
    expect(findings("namespace-without-default-deny", { "ns.yaml": NAMESPACE }, { context })).toEqual([]);
  });
});
