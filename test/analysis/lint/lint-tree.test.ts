import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { analyseTree } from "../../../src/analysis/cluster.js";
import { LINT_RULES, lintTree } from "../../../src/analysis/lint/index.js";
import { withContext } from "../../../src/analysis/review/context.js";
import type { ClusterContext } from "../../../src/analysis/review/types.js";
import { tree } from "../../helpers/trees.js";
import { lint, yaml } from "./helpers.js";

/** The rule ids issue 3 lists: part of the output contract. */
const CONTRACT_IDS = [
  "missing-description",
  "selects-nothing",
  "peer-matches-nothing",
  "egress-blocks-dns",
  "implicit-ingress-isolation",
  "ignored-rules",
  "allow-all-rule",
  "broad-selector",
  "service-port-not-pod-port",
  "named-port-unresolved",
  "ipblock-external",
  "namespace-without-default-deny",
  "duplicate-policy",
  "redundant-rule",
  "invalid-manifest",
];

/** An undocumented policy (b.yaml line 1) and a broken one (its bad spec on a.yaml line 13). */
const FILES = {
  "b.yaml": yaml`
    apiVersion: networking.k8s.io/v1
    kind: NetworkPolicy
    metadata: { name: undocumented, namespace: shop }
    spec:
      podSelector: {}
  `,
  "a.yaml": yaml`
    apiVersion: networking.k8s.io/v1
    kind: NetworkPolicy
    metadata:
      name: documented
      namespace: shop
      annotations: { kubernetes.io/description: Default deny. }
    spec:
      podSelector: {}
    ---
    apiVersion: networking.k8s.io/v1
    kind: NetworkPolicy
    metadata: { name: broken, namespace: shop }
    spec: { podSelector: 5 }
  `,
};

describe("lintTree", () => {
  it("registers every rule of the contract", () => {
    const ids = new Set(LINT_RULES.map((r) => r.id));
    for (const id of CONTRACT_IDS) expect(ids.has(id), id).toBe(true);
    // One id may have several entries (the admin policies' missing-description), never the same one twice.
    expect(new Set(LINT_RULES).size).toBe(LINT_RULES.length);
    for (const rule of LINT_RULES) {
      expect(["error", "warning", "notice"]).toContain(rule.defaultSeverity);
      expect(rule.summary.length).toBeGreaterThan(10);
    }
  });

  it("documents every registered rule with its default severity and an example in docs/rules.md", () => {
    const docs = readFileSync(new URL("../../../docs/rules.md", import.meta.url), "utf8");
    for (const rule of LINT_RULES) {
      const section = docs.split(/^## /m).find((s) => s.startsWith(`\`${rule.id}\``));
      expect(section, rule.id).toBeDefined();
      expect(section).toContain(`Default severity: **${rule.defaultSeverity}**`);
      expect(section).toContain("```yaml");
    }
  });

  it("includes the loader's diagnostics and sorts everything by file and line", () => {
    const found = lint(FILES);
    expect(found.map((f) => `${f.file}:${f.line} ${f.rule}`)).toEqual([
      "a.yaml:13 invalid-manifest",
      "b.yaml:1 missing-description",
    ]);
  });

  it("applies a configured severity to every finding of the rule", () => {
    const found = lint(FILES, { rules: { "missing-description": "error", "invalid-manifest": "warning" } });
    expect(found.map((f) => `${f.rule} ${f.severity}`)).toEqual([
      "invalid-manifest warning",
      "missing-description error",
    ]);
  });

  it("drops the findings of a rule that is off", () => {
    const found = lint(FILES, { rules: { "missing-description": "off" } });
    expect(found.map((f) => f.rule)).toEqual(["invalid-manifest"]);
    expect(lint(FILES, { rules: { "invalid-manifest": "off" } }).map((f) => f.rule)).toEqual([
      "missing-description",
    ]);
  });

  it("gives every finding a location, an object and a message without line numbers", () => {
    for (const finding of lint(FILES)) {
      expect(finding.line).toBeGreaterThanOrEqual(1);
      expect(finding.object).toMatch(/^NetworkPolicy shop\//);
      expect(finding.message).not.toMatch(/\.yaml:\d/);
    }
  });

  it("judges a tree the review merged the cluster context into like the bare tree", () => {
    const files = {
      "dns.yaml": yaml`
        apiVersion: networking.k8s.io/v1
        kind: NetworkPolicy
        metadata: { name: dns, namespace: shop, annotations: { kubernetes.io/description: DNS. } }
        spec:
          podSelector: {}
          policyTypes: [Egress]
          egress:
          - to:
            - namespaceSelector: { matchLabels: { kubernetes.io/metadata.name: kube-system } }
              podSelector: { matchLabels: { k8s-app: kube-dns } }
            ports: [{ port: 53, protocol: UDP }, { port: 53, protocol: TCP }]
      `,
    };
    const context: ClusterContext = {
      namespaces: [{ name: "kube-system", labels: {} }],
      workloads: [{ namespace: "kube-system", name: "coredns", labels: { "k8s-app": "kube-dns" } }],
    };
    const bare = lintTree(analyseTree(tree(files)), { context });
    const merged = lintTree(analyseTree(withContext(tree(files), context)), { context });
    expect(merged).toEqual(bare);
    // kube-system's workloads come from the context: no default-deny notice for it, no unknown peer.
    expect(merged.map((f) => f.rule)).toEqual(["broad-selector"]);
  });
});
