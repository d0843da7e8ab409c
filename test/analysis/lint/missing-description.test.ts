import { describe, expect, it } from "vitest";
import { findings, yaml } from "./helpers.js";

const POLICIES = yaml`
  apiVersion: networking.k8s.io/v1
  kind: NetworkPolicy
  metadata:
    name: documented
    namespace: shop
    annotations:
      kubernetes.io/description: The web tier calls the API.
  spec:
    podSelector: {}
  ---
  apiVersion: networking.k8s.io/v1
  kind: NetworkPolicy
  metadata:
    name: undocumented
    namespace: shop
  spec:
    podSelector: {}
  ---
  apiVersion: networking.k8s.io/v1
  kind: NetworkPolicy
  metadata:
    name: blank
    namespace: shop
    annotations:
      netpol-review/description: "   "
  spec:
    podSelector: {}
  ---
  apiVersion: networking.k8s.io/v1
  kind: NetworkPolicy
  metadata:
    name: team-key
    namespace: shop
    annotations:
      team.example.com/why: Audited by the platform team.
  spec:
    podSelector: {}
`;

describe("missing-description", () => {
  it("reports a policy without a description annotation, at the policy's first line", () => {
    const found = findings("missing-description", { "policies.yaml": POLICIES });
    const undocumented = found.find((f) => f.object === "NetworkPolicy shop/undocumented");
    expect(undocumented).toMatchObject({ severity: "warning", file: "policies.yaml", line: 11 });
    expect(undocumented?.message).toContain(
      "No kubernetes.io/description or netpol-review/description annotation, and no comment right above it, says why this policy exists",
    );
    expect(undocumented?.fix).toContain("kubernetes.io/description");
  });

  it("treats a whitespace-only value as missing", () => {
    const found = findings("missing-description", { "policies.yaml": POLICIES });
    const blank = found.find((f) => f.object === "NetworkPolicy shop/blank");
    expect(blank).toMatchObject({ severity: "warning", file: "policies.yaml", line: 19 });
    expect(blank?.message).toContain("Its netpol-review/description annotation is empty");
  });

  it("does not report a policy with a default description key", () => {
    const found = findings("missing-description", { "policies.yaml": POLICIES });
    // team-key's annotation is not one of the default keys, so it is reported too.
    expect(found.map((f) => f.object).sort()).toEqual([
      "NetworkPolicy shop/blank",
      "NetworkPolicy shop/team-key",
      "NetworkPolicy shop/undocumented",
    ]);
  });

  it("accepts exactly the configured keys", () => {
    const found = findings(
      "missing-description",
      { "policies.yaml": POLICIES },
      {
        descriptionAnnotations: ["team.example.com/why"],
      },
    );
    expect(found.map((f) => f.object).sort()).toEqual([
      "NetworkPolicy shop/blank",
      "NetworkPolicy shop/documented",
      "NetworkPolicy shop/undocumented",
    ]);
    const documented = found.find((f) => f.object === "NetworkPolicy shop/documented");
    expect(documented).toMatchObject({ file: "policies.yaml", line: 1 });
    expect(documented?.message).toContain("No team.example.com/why annotation");
  });

  it("falls back to the default keys when the configured list is empty", () => {
    const found = findings(
      "missing-description",
      { "policies.yaml": POLICIES },
      { descriptionAnnotations: [] },
    );
    expect(found).toHaveLength(3);
    expect(found.some((f) => f.object === "NetworkPolicy shop/documented")).toBe(false);
  });

  /** A policy `shop/<name>` whose text starts with `before` and has `beforeMetadata` right above `metadata:`. */
  const commented = (name: string, before: string, beforeMetadata = "") =>
    `${before}apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\n${beforeMetadata}metadata:\n  name: ${name}\n  namespace: shop\nspec:\n  podSelector: {}\n`;

  it("accepts a comment block right above the policy or above its metadata as documentation", () => {
    const files = {
      "above.yaml": commented("above", "# The web tier calls the API on 8080.\n# Owner: team shop.\n"),
      "metadata.yaml": commented("metadata", "", "# Lets the monitoring namespace scrape every pod.\n"),
      "after-separator.yaml": `# ---------------------\n---\n${commented("after-separator", "# Default deny for shop\n")}`,
    };
    expect(findings("missing-description", files)).toEqual([]);
  });

  it("does not count separators, blank-line-separated comments, Helm source lines or commented-out YAML", () => {
    const files = {
      "rule.yaml": commented("rule", "# ----------\n# ==========\n"),
      "blank.yaml": commented("blank", "# The web tier calls the API.\n\n"),
      "dashes.yaml": commented("dashes", "# The web tier calls the API.\n---\n"),
      "helm.yaml": commented("helm", "# Source: shop/templates/networkpolicy.yaml\n"),
      "yaml.yaml": commented("yaml", "", "# annotations:\n#   owner: shop\n"),
    };
    const found = findings("missing-description", files);
    expect(found.map((f) => `${f.file}:${f.line}`).sort()).toEqual([
      "blank.yaml:3",
      "dashes.yaml:3",
      "helm.yaml:2",
      "rule.yaml:3",
      "yaml.yaml:1",
    ]);
    expect(found[0]?.fix).toContain("(or a comment right above the policy)");
  });
});
