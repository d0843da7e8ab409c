import { describe, expect, it } from "vitest";
import { findings, yaml } from "./helpers.js";

const policy = (namespace: string, port: number) => yaml`
  apiVersion: networking.k8s.io/v1
  kind: NetworkPolicy
  metadata: { name: allow-web, namespace: ${namespace} }
  spec:
    podSelector: {}
    ingress: [{ ports: [{ port: ${port} }] }]
`;

describe("duplicate-policy", () => {
  it("reports every definition of a policy defined twice, each pointing at the other", () => {
    const found = findings("duplicate-policy", {
      "a.yaml": policy("shop", 80),
      "b/c.yaml": `# c\n${policy("shop", 443)}`,
    });
    expect(found).toHaveLength(2);
    expect(found[0]).toMatchObject({
      severity: "error",
      file: "a.yaml",
      line: 1,
      object: "NetworkPolicy shop/allow-web",
    });
    expect(found[1]).toMatchObject({ severity: "error", file: "b/c.yaml", line: 2 });
    expect(found[0]?.message).toContain(
      "NetworkPolicy shop/allow-web is defined 2 times, with different rules",
    );
    expect(found[0]?.fix).toContain("also defined at b/c.yaml:2");
    expect(found[1]?.fix).toContain("also defined at a.yaml:1");
  });

  it("says when the copies are identical", () => {
    const found = findings("duplicate-policy", {
      "a.yaml": policy("shop", 80),
      "b.yaml": policy("shop", 80),
    });
    expect(found[0]?.message).toContain("with the same rules");
  });

  it("does not report the same name in two namespaces", () => {
    expect(
      findings("duplicate-policy", { "a.yaml": policy("shop", 80), "b.yaml": policy("data", 80) }),
    ).toEqual([]);
  });
});
