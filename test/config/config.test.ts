import { readFileSync, writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { configJsonSchema } from "../../src/config/json-schema.js";
import { parseConfig } from "../../src/config/parse.js";
import { DEFAULT_CONFIG } from "../../src/config/schema.js";
import { describeConfigErrors } from "../../src/report/config-errors.js";

const fixture = (name: string) =>
  readFileSync(new URL(`../fixtures/config/${name}`, import.meta.url), "utf8");

describe("configuration", () => {
  it("an empty file (or one with only comments) is the default configuration", () => {
    expect(parseConfig(fixture("empty.yml"))).toEqual({ ok: true, config: DEFAULT_CONFIG });
    expect(parseConfig("")).toEqual({ ok: true, config: DEFAULT_CONFIG });
  });

  it("has documented defaults for every key", () => {
    expect(DEFAULT_CONFIG).toMatchInlineSnapshot(`
      {
        "comment": "on-change",
        "context": {
          "namespaces": [],
          "workloads": [],
        },
        "failOn": {
          "openedPaths": false,
          "protectedNamespaces": [],
          "severity": "error",
        },
        "manifests": {
          "exclude": [],
          "include": [
            "**/*.yaml",
            "**/*.yml",
            "**/*.json",
            "**/Kustomization",
          ],
        },
        "reviewComments": true,
        "rules": {},
      }
    `);
  });

  it("reads every key", () => {
    const result = parseConfig(fixture("full.yml"));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.config.failOn).toEqual({
      severity: "warning",
      openedPaths: true,
      protectedNamespaces: ["kube-system", "payments"],
    });
    expect(result.config.context.workloads[0]).toEqual({
      kind: "DaemonSet",
      namespace: "ingress-nginx",
      name: "controller",
      labels: { "app.kubernetes.io/name": "ingress-nginx" },
      ports: [
        { name: "http", port: 80 },
        { name: "dns", port: 53, protocol: "UDP" },
      ],
    });
    expect(result.config.rules).toEqual({
      "missing-description": "warning",
      "namespace-without-default-deny": "off",
    });
    expect(result.config.comment).toBe("always");
    expect(result.config.reviewComments).toBe(false);
  });

  it("a YAML syntax error names the line", () => {
    const result = parseConfig(fixture("invalid-yaml.yml"));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors[0]).toMatchObject({ file: ".github/netpol-review.yml", key: null });
    expect(result.errors[0]?.message).toMatch(/^YAML syntax error: /);
    expect(describeConfigErrors(result.errors)).toMatch(
      /^- `.github\/netpol-review.yml` line \d+: YAML syntax error/,
    );
  });

  it("a schema error names the key, the line and why", () => {
    const result = parseConfig(fixture("invalid-schema.yml"));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map(({ line, key }) => ({ line, key }))).toEqual([
      { line: 4, key: "failOn.severity" },
      { line: 5, key: "failOn.protectedNamespaces[0]" },
      { line: 6, key: "comment" },
      { line: 7, key: "failon" },
    ]);
    expect(describeConfigErrors(result.errors)).toMatchInlineSnapshot(`
      "- \`.github/netpol-review.yml\` line 4, key \`failOn.severity\`: must be one of "error", "warning", "notice", "never", not "critical"
      - \`.github/netpol-review.yml\` line 5, key \`failOn.protectedNamespaces[0]\`: must be a namespace name: lower-case letters, digits and '-', not "Kube\\_System"
      - \`.github/netpol-review.yml\` line 6, key \`comment\`: must be one of "always", "on-change", "never", not "sometimes"
      - \`.github/netpol-review.yml\` line 7, key \`failon\`: unknown key; the keys here are manifests, descriptionAnnotations, rules, context, scopes, failOn, comment, reviewComments (names are case-sensitive)"
    `);
  });

  it("a rule id that does not exist is an error listing the rules", () => {
    const result = parseConfig("rules:\n  missing-descripton: error\n");
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors[0]).toMatchObject({ line: 2, key: "rules.missing-descripton" });
    expect(result.errors[0]?.message).toContain("the keys here are invalid-manifest, missing-description,");
  });

  it("a config that is not a mapping is an error", () => {
    const result = parseConfig("- a\n- b\n");
    expect(result.ok).toBe(false);
  });

  it("scopes: each scope's mistakes are reported at their line with the scope's key", () => {
    const result = parseConfig(
      "scopes:\n  - name: prod\n    roots: [overlays/prod]\n    includ: [x]\n  - name: staging\n",
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => [e.line, e.key, e.message])).toEqual([
      [
        4,
        "scopes[0].includ",
        "unknown key; the keys here are name, roots, include, exclude, context (names are case-sensitive)",
      ],
      [5, "scopes[1]", "a scope needs `roots` or `include`"],
    ]);
  });

  // Regenerate with: UPDATE_CONFIG_SCHEMA=1 npx vitest run test/config/config.test.ts
  it("docs/config.schema.json is generated from the schema and up to date", () => {
    const file = new URL("../../docs/config.schema.json", import.meta.url);
    const generated = `${JSON.stringify(configJsonSchema(), null, 2)}\n`;
    if (process.env.UPDATE_CONFIG_SCHEMA) writeFileSync(file, generated);
    expect(readFileSync(file, "utf8")).toBe(generated);
  });
});
