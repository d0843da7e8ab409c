import { describe, expect, it } from "vitest";
import { fixturePath, KUSTOMIZATION, POD, POLICY } from "../scopes/helpers.js";
import { git, tempRepo, tempTree, writeFiles } from "./repo.js";
import { cli } from "./run.js";

const OVERLAYS = fixturePath("overlays");

describe("netpol-review scopes", () => {
  it("lists each scope with its root and how many files it reads", async () => {
    const { code, stdout } = await cli(["scopes", OVERLAYS]);
    expect(code).toBe(0);
    expect(stdout.split("\n")).toEqual([
      "overlays/prod     overlays/prod     5 inputs",
      "overlays/staging  overlays/staging  4 inputs",
    ]);
  });

  it("--format json lists names, roots and inputs", async () => {
    const { stdout } = await cli(["scopes", OVERLAYS, "--format", "json"]);
    expect(JSON.parse(stdout).scopes[1]).toEqual({
      name: "overlays/staging",
      root: "overlays/staging",
      roots: ["overlays/staging"],
      inputs: [
        "base/kustomization.yaml",
        "base/policy.yaml",
        "base/workloads.yaml",
        "overlays/staging/kustomization.yaml",
      ],
    });
  });
});

describe("commands on a path holding several scopes", () => {
  it("reach --format json prints {scopes: [{name, root, ...the contract object}]}", async () => {
    const { code, stdout } = await cli(["reach", OVERLAYS, "--format", "json"]);
    expect(code).toBe(0);
    const json = JSON.parse(stdout);
    expect(json.scopes.map((s: { name: string; root: string }) => [s.name, s.root])).toEqual([
      ["overlays/prod", "overlays/prod"],
      ["overlays/staging", "overlays/staging"],
    ]);
    const metricsToApi = (s: { connections: { src: string; dst: string }[] }) =>
      s.connections.some((c) => c.src === "shop/metrics[Deployment]" && c.dst === "shop/api[Deployment]");
    expect(json.scopes.map(metricsToApi)).toEqual([true, false]);
  });

  it("--scope prints that scope's contract object exactly, as for a path of one scope", async () => {
    const { stdout } = await cli(["reach", OVERLAYS, "--scope", "overlays/staging", "--format", "json"]);
    expect(Object.keys(JSON.parse(stdout))).toEqual(["endpoints", "connections", "diagnostics"]);
  });

  it("an unknown --scope is a usage error listing the scopes", async () => {
    const { code, stderr } = await cli(["lint", OVERLAYS, "--scope", "dev"]);
    expect(code).toBe(2);
    expect(stderr.split("\n")[0]).toBe(
      `netpol-review: --scope dev: no such scope in ${OVERLAYS}; its scopes are overlays/prod, overlays/staging (netpol-review scopes ${OVERLAYS})`,
    );
  });

  it("lint --format json prints each scope's findings under its name", async () => {
    const { stdout } = await cli(["lint", OVERLAYS, "--format", "json"]);
    const json = JSON.parse(stdout);
    expect(json.scopes.map((s: { name: string }) => s.name)).toEqual(["overlays/prod", "overlays/staging"]);
    expect(json.scopes.every((s: { findings: unknown[] }) => Array.isArray(s.findings))).toBe(true);
  });

  it("reach text heads each scope with its name", async () => {
    const { stdout } = await cli(["reach", OVERLAYS]);
    expect(stdout.split("\n").filter((l) => l.startsWith("# scope"))).toEqual([
      "# scope overlays/prod (overlays/prod)",
      "# scope overlays/staging (overlays/staging)",
    ]);
  });

  it("explain finds the one scope holding both endpoints, and asks for --scope when several do", async () => {
    const several = await cli(["explain", OVERLAYS, "--from", "shop/web", "--to", "shop/api"]);
    expect(several.code).toBe(2);
    expect(several.stderr.split("\n")[0]).toBe(
      "netpol-review: the flow exists in several scopes (overlays/prod, overlays/staging): pass --scope <name>",
    );
    const one = await cli([
      "explain",
      OVERLAYS,
      "--from",
      "shop/metrics",
      "--to",
      "shop/api",
      "--port",
      "8080",
      "--scope",
      "overlays/prod",
      "-f",
      "json",
    ]);
    expect(one.code).toBe(0);
    expect(JSON.parse(one.stdout).allowed).toEqual([{ protocol: "TCP", from: 8080, to: 8080 }]);
  });
});

describe("lint", () => {
  it("says alternative installs once instead of a duplicate-policy finding per policy, with and without --base", async () => {
    const dir = fixturePath("alternatives");
    for (const args of [
      ["lint", dir],
      ["lint", dir, "--base", dir],
    ]) {
      const rules = JSON.parse((await cli([...args, "-f", "json"])).stdout).findings.map(
        (f: { rule: string }) => f.rule,
      );
      expect(rules.filter((r: string) => r === "alternative-installs" || r === "duplicate-policy")).toEqual([
        "alternative-installs",
      ]);
    }
  });
});

describe("diff scope by scope", () => {
  it("a change to an overlay is diffed in that overlay only, and the others are named as not affected", async () => {
    const head = tempTree({}, { ".": OVERLAYS });
    const base = tempTree({}, { ".": OVERLAYS });
    writeFiles(base, { "overlays/prod/allow-metrics.yaml": "" });
    const { code, stdout } = await cli(["diff", base, head]);
    expect(code).toBe(0);
    expect(stdout).toBe(
      [
        "1 path opened, 0 closed",
        "+ shop/metrics[Deployment] => shop/api[Deployment] : TCP 8080",
        "",
        "Not affected by this change: overlays/staging",
      ].join("\n"),
    );
  });

  it("--format json on several scopes prints {scopes, unaffected}", async () => {
    const head = tempTree({}, { ".": OVERLAYS });
    const base = tempTree({}, { ".": OVERLAYS });
    writeFiles(base, { "base/policy.yaml": "" });
    const json = JSON.parse((await cli(["diff", base, head, "-f", "json"])).stdout);
    expect(json.scopes.map((s: { name: string }) => s.name)).toEqual(["overlays/prod", "overlays/staging"]);
    expect(json.unaffected).toEqual([]);
    expect(Object.keys(json.scopes[0])).toEqual([
      "name",
      "root",
      "endpoints",
      "opened",
      "closed",
      "diagnostics",
    ]);
  });
});

describe("git refs", () => {
  it("a git ref reads the whole repository, so a kustomization's ../base is rendered from the same commit", async () => {
    const repo = tempRepo({}, { ".": OVERLAYS });
    const scopes = await cli(["scopes", "HEAD"], repo);
    expect(scopes.stdout.split("\n")).toEqual([
      "overlays/prod     overlays/prod     5 inputs",
      "overlays/staging  overlays/staging  4 inputs",
    ]);
  });

  it("<ref>:<dir> keeps the scopes reading files below <dir>", async () => {
    const repo = tempRepo({}, { ".": OVERLAYS });
    const prod = await cli(["reach", "HEAD:overlays/prod", "-f", "json"], repo);
    expect(prod.code).toBe(0);
    const json = JSON.parse(prod.stdout);
    expect(json.endpoints.map((e: { id: string }) => e.id)).toContain("shop/web[Deployment]");
    const base = await cli(["scopes", "HEAD:base"], repo);
    expect(base.stdout.split("\n").map((l) => l.split(" ")[0])).toEqual([
      "overlays/prod",
      "overlays/staging",
    ]);
  });

  it("a change between two commits of a shared base is diffed in both overlays", async () => {
    const repo = tempRepo({}, { ".": OVERLAYS });
    writeFiles(repo, { "base/policy.yaml": POLICY("api-ingress", "api") });
    git(repo, "commit", "-qam", "head");
    const { stdout } = await cli(["diff", "HEAD~1", "HEAD", "-f", "json"], repo);
    expect(JSON.parse(stdout).scopes.map((s: { name: string }) => s.name)).toEqual([
      "overlays/prod",
      "overlays/staging",
    ]);
  });
});

describe("paths", () => {
  it("a single file argument is named by its real path in messages", async () => {
    const dir = tempTree({ "manifests/install.yaml": `${POD("web")}---\nkind: [unclosed\n` });
    const { code, stderr } = await cli(["reach", "manifests/install.yaml"], dir);
    expect(code).toBe(1);
    expect(stderr).toMatch(/^manifests\/install\.yaml:\d+: error: /m);
    expect(stderr).not.toContain("install.yaml/install.yaml");
  });

  it("a tree with nothing the review analyses says so on stderr", async () => {
    const { code, stderr } = await cli(["reach", fixturePath("nothing")]);
    expect(code).toBe(0);
    expect(stderr).toMatch(
      /^notice: No Kubernetes manifest found under .*nothing \(looked for \*\*\/\*\.yaml/m,
    );
  });

  it("a diff all inside a Helm chart says so first, never a bare 0 paths opened", async () => {
    const head = tempTree({}, { ".": fixturePath("helm") });
    const base = tempTree({}, { ".": fixturePath("helm") });
    writeFiles(base, { "charts/api/templates/networkpolicy.yaml": "{{- if false }}\n{{- end }}\n" });
    const { code, stdout } = await cli(["diff", base, head]);
    expect(code).toBe(0);
    expect(stdout.split("\n")[0]).toBe(
      "Not analysed: the change is inside Helm chart charts/api, which the review does not render",
    );
  });

  it("a Helm chart is one notice, with no diagnostic per template", async () => {
    const { stderr } = await cli(["lint", fixturePath("helm")]);
    expect(stderr.split("\n").filter((l) => l.includes("[helm-chart]"))).toHaveLength(1);
    expect(stderr).not.toContain("[invalid-manifest]");
  });
});

describe("diagnostics of a diff", () => {
  it("prints the head's, and the base's only where the head does not have them too", async () => {
    const broken = "kind: [unclosed\n";
    const base = tempTree({ "web.yaml": POD("web"), "both.yaml": broken, "fixed.yaml": broken });
    const head = tempTree({
      "web.yaml": POD("web"),
      "both.yaml": broken,
      "fixed.yaml": KUSTOMIZATION().replace(/resources:\n$/, ""),
    });
    const { stderr } = await cli(["diff", base, head]);
    const lines = stderr.split("\n").filter((l) => l.includes("[invalid-manifest]"));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(new RegExp(`^${head}/both\\.yaml:`));
    expect(lines[1]).toMatch(new RegExp(`^${base}/fixed\\.yaml:`));
  });
});
