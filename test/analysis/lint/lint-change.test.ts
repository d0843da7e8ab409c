import { describe, expect, it } from "vitest";
import { analyseTree } from "../../../src/analysis/cluster.js";
import { diffReachability } from "../../../src/analysis/diff.js";
import { findingIdentity, lintChange } from "../../../src/analysis/lint/index.js";
import type { ReviewOptions } from "../../../src/analysis/review/types.js";
import type { Finding } from "../../../src/model/finding.js";
import { examplePlainTree } from "../../helpers/example-trees.js";
import { tree } from "../../helpers/trees.js";
import type { Files } from "./helpers.js";

const change = (base: Files, head: Files, options?: ReviewOptions) =>
  lintChange(analyseTree(tree(base)), analyseTree(tree(head)), options);

/** `shop/name` without a description, allowing egress to each of `cidrs` in its own rule. */
const policy = (name: string, cidrs: string[] = []) => `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: ${name}, namespace: shop }
spec:
  podSelector: { matchLabels: { app: web } }
  policyTypes: [Egress]
  egress:
${cidrs.map((c) => `  - to: [{ ipBlock: { cidr: ${c} } }]`).join("\n")}
`;

const summary = (findings: readonly (Finding & { introduced: boolean })[]) =>
  findings.map((f) => `${f.introduced ? "new" : "old"} ${f.rule} ${f.file}:${f.line}`);

describe("lintChange", () => {
  it("marks head's findings that base already had as not introduced", () => {
    const files = { "p.yaml": policy("web") };
    const found = change(files, files);
    expect(found.length).toBeGreaterThan(0);
    expect(found.every((f) => f.introduced === false)).toBe(true);
  });

  it("marks a finding of a new policy as introduced", () => {
    const found = change({ "p.yaml": policy("web") }, { "p.yaml": `${policy("web")}---\n${policy("api")}` });
    const descriptions = found.filter((f) => f.rule === "missing-description");
    expect(descriptions.map((f) => [f.object, f.introduced])).toEqual([
      ["NetworkPolicy shop/web", false],
      ["NetworkPolicy shop/api", true],
    ]);
  });

  it("does not blame a change that only moved a policy to other lines and another file", () => {
    const head = { "other.yaml": "# moved\n\n", "moved/p.yaml": `# a comment\n\n${policy("web")}` };
    const found = change({ "p.yaml": policy("web") }, head);
    const description = found.find((f) => f.rule === "missing-description");
    expect(description).toMatchObject({ file: "moved/p.yaml", line: 3, introduced: false });
    expect(found.every((f) => !f.introduced)).toBe(true);
  });

  it("keeps a rule's finding when a rule is inserted above it", () => {
    const base = { "p.yaml": policy("web", ["203.0.113.0/24"]) };
    const head = { "p.yaml": policy("web", ["198.51.100.0/24", "203.0.113.0/24"]) };
    const found = change(base, head).filter((f) => f.rule === "ipblock-external");
    expect(found.map((f) => [f.message.slice(0, 13), f.line, f.introduced])).toEqual([
      ["egress rule 1", 8, true],
      ["egress rule 2", 9, false],
    ]);
    expect(found[0]?.message).toContain("198.51.100.0/24");
  });

  it("counts repeated findings: one at base vouches for one at head", () => {
    const base = { "p.yaml": policy("web", ["203.0.113.0/24"]) };
    const head = { "p.yaml": policy("web", ["203.0.113.0/24", "203.0.113.0/24"]) };
    const found = change(base, head).filter((f) => f.rule === "ipblock-external");
    expect(found.map((f) => f.introduced)).toEqual([false, true]);
  });

  it("applies the same options to both sides", () => {
    const files = { "p.yaml": policy("web") };
    const found = change(files, files, { rules: { "missing-description": "error" } });
    expect(found.find((f) => f.rule === "missing-description")).toMatchObject({
      severity: "error",
      introduced: false,
    });
  });

  it("identifies findings without their line numbers and file:line references", () => {
    const at = (file: string, line: number, message: string): Finding => ({
      rule: "invalid-manifest",
      severity: "warning",
      file,
      line,
      message,
      object: "Deployment shop/web",
    });
    const before = at("a.yaml", 3, "defined twice; the first definition (x/a.yaml:3) is used");
    const after = at("b.yaml", 9, "defined twice; the first definition (y/b.yml:12) is used");
    expect(findingIdentity(before, "exact")).toBe(findingIdentity(after, "exact"));
    const other = at("a.yaml", 3, "a different problem");
    expect(findingIdentity(before, "exact")).not.toBe(findingIdentity(other, "exact"));
  });

  it("the example pull request introduces exactly the findings its README describes", async () => {
    const base = await examplePlainTree("before");
    const head = await examplePlainTree("after");
    const diff = diffReachability(base, head);
    const introduced = summary(lintChange(diff.base, diff.head)).filter((s) => s.startsWith("new"));
    expect(introduced.sort()).toEqual(
      [
        // The card processor range changed from /24 to /25 (the peer on line 93): a new external range.
        "new ipblock-external payments/policies.yaml:93",
        // reporting-egress (line 99) has no description.
        "new missing-description payments/policies.yaml:99",
        // admin-api-ingress now allows the Service port 443 (the port entry on line 154).
        "new service-port-not-pod-port payments/policies.yaml:154",
        // The frontend's tier label changed, so allow-from-ingress-nginx (line 41) selects nothing.
        "new selects-nothing shop/policies.yaml:41",
      ].sort(),
    );
  });
});

describe("lintChange: a reworded finding is the same finding", () => {
  it("a selects-nothing hint that changes because a workload was added is not introduced", () => {
    const policy = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: p, namespace: shop, annotations: { kubernetes.io/description: x } }
spec:
  podSelector: { matchLabels: { app: zzz } }
  policyTypes: [Ingress]
---
`;
    const pod = (name: string) =>
      `apiVersion: v1\nkind: Pod\nmetadata: { name: ${name}, namespace: shop, labels: { app: ${name} } }\nspec: { containers: [{ name: c, image: i }] }\n---\n`;
    const base = analyseTree(tree(policy + pod("a")));
    const head = analyseTree(tree(policy + pod("a") + pod("b")));
    const selectsNothing = lintChange(base, head).filter((f) => f.rule === "selects-nothing");
    expect(selectsNothing).toHaveLength(1);
    expect(selectsNothing[0]?.introduced).toBe(false);
  });
});

describe("lintChange: a fixed finding does not vouch for a new one", () => {
  const policy = (peers: string[]) => `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: p, namespace: shop, annotations: { kubernetes.io/description: x } }
spec:
  podSelector: {}
  ingress:
${peers.map((app) => `  - from: [{ podSelector: { matchLabels: { app: ${app} } } }]`).join("\n")}
---
apiVersion: v1
kind: Pod
metadata: { name: web, namespace: shop, labels: { app: web } }
spec: { containers: [{ name: c, image: i }] }
---
`;

  it("a peer typo fixed in one rule and a new typo in another: the new one is introduced", () => {
    const base = analyseTree(tree(policy(["wbe"])));
    const head = analyseTree(tree(policy(["web", "apii"])));
    const peers = lintChange(base, head).filter((f) => f.rule === "peer-matches-nothing");
    expect(peers.map((f) => [f.line, f.introduced])).toEqual([[8, true]]);
  });

  it("a different invalid field on the same object is a new error", () => {
    const bad = (field: string) =>
      `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: { name: p, namespace: shop }\nspec:\n  podSelector: {}\n  ${field}\n`;
    const base = analyseTree(tree(bad("policyTypes: [Ingres]")));
    const head = analyseTree(tree(bad("ingress: [{ ports: [{ port: 70000 }] }]")));
    const invalid = lintChange(base, head).filter((f) => f.rule === "invalid-manifest");
    expect(invalid.map((f) => f.introduced)).toEqual([true]);
  });
});
