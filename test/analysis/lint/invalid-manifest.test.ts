import { describe, expect, it } from "vitest";
import { tree } from "../../helpers/trees.js";
import { lint, yaml } from "./helpers.js";

const BROKEN = yaml`
  apiVersion: networking.k8s.io/v1
  kind: NetworkPolicy
  metadata: { name: p, namespace: shop }
  spec:
    podSelector: {}
    policyTypes: [Sideways]
`;

describe("invalid-manifest", () => {
  it("passes the loader's diagnostics through unchanged", () => {
    const files = { "p.yaml": BROKEN };
    const diagnostics = tree(files).diagnostics;
    expect(diagnostics).toHaveLength(1);
    const found = lint(files).filter((f) => f.rule === "invalid-manifest");
    expect(found).toEqual(diagnostics);
    expect(found[0]).toMatchObject({
      severity: "error",
      file: "p.yaml",
      line: 6,
      object: "NetworkPolicy shop/p",
    });
  });

  it("keeps the loader's own severity for what it salvaged", () => {
    const twice = yaml`
      apiVersion: v1
      kind: Namespace
      metadata: { name: shop }
      ---
      apiVersion: v1
      kind: Namespace
      metadata: { name: shop }
    `;
    const found = lint({ "ns.yaml": twice }).filter((f) => f.rule === "invalid-manifest");
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      severity: "warning",
      file: "ns.yaml",
      line: 5,
      object: "Namespace shop",
    });
    expect(found[0]?.message).toContain("is defined twice");
  });

  it("reports nothing for a clean tree", () => {
    const clean = BROKEN.replace("[Sideways]", "[Ingress]");
    expect(lint({ "p.yaml": clean }).filter((f) => f.rule === "invalid-manifest")).toEqual([]);
  });
});
