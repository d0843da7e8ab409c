import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { POD } from "../scopes/helpers.js";
import { tempRepo, tempTree } from "./repo.js";
import { cli } from "./run.js";

const UNDOCUMENTED = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: web-in, namespace: shop, annotations: { team.example.com/why: the shop front end } }
spec:
  podSelector: { matchLabels: { app: web } }
  ingress: [{ from: [{ podSelector: { matchLabels: { app: api } } }] }]
`;
const TREE = {
  "deploy/web.yaml": POD("web"),
  "deploy/api.yaml": POD("api"),
  "deploy/policy.yaml": UNDOCUMENTED,
};
const CONFIG = ".github/netpol-review.yml";

const ruleIn = (stdout: string, rule: string) =>
  (JSON.parse(stdout).findings as { rule: string; severity: string }[]).filter((f) => f.rule === rule);

describe("the CLI reads the configuration the check reads", () => {
  it("reads .github/netpol-review.yml at the git root of the analysed path: rule severities", async () => {
    const repo = tempRepo({ ...TREE, [CONFIG]: "rules:\n  missing-description: error\n" });
    const { code, stdout } = await cli(["lint", "deploy", "-f", "json"], repo);
    expect(ruleIn(stdout, "missing-description").map((f) => f.severity)).toEqual(["error"]);
    expect(code).toBe(1);
  });

  it("without a configuration the defaults apply (missing-description is a warning, failOn error)", async () => {
    const repo = tempRepo(TREE);
    const { code, stdout } = await cli(["lint", "deploy", "-f", "json"], repo);
    expect(ruleIn(stdout, "missing-description").map((f) => f.severity)).toEqual(["warning"]);
    expect(code).toBe(0);
  });

  it("description annotations from the configuration count as documentation", async () => {
    const repo = tempRepo({ ...TREE, [CONFIG]: "descriptionAnnotations: [team.example.com/why]\n" });
    const { stdout } = await cli(["lint", "deploy", "-f", "json"], repo);
    expect(ruleIn(stdout, "missing-description")).toEqual([]);
  });

  it("--config <file> replaces the repository's configuration", async () => {
    const repo = tempRepo({
      ...TREE,
      [CONFIG]: "rules:\n  missing-description: error\n",
      "other.yml": "rules:\n  missing-description: off\n",
    });
    const { code, stdout } = await cli(["lint", "deploy", "--config", "other.yml", "-f", "json"], repo);
    expect(ruleIn(stdout, "missing-description")).toEqual([]);
    expect(code).toBe(0);
  });

  it("--fail-on overrides failOn.severity, down to never", async () => {
    const repo = tempRepo({ ...TREE, [CONFIG]: "rules:\n  missing-description: error\n" });
    expect((await cli(["lint", "deploy", "--fail-on", "never"], repo)).code).toBe(0);
    const strict = tempRepo(TREE);
    expect((await cli(["lint", "deploy", "--fail-on", "warning"], strict)).code).toBe(1);
    const bad = await cli(["lint", "deploy", "--fail-on", "sometimes"], strict);
    expect(bad.code).toBe(2);
    expect(bad.stderr.split("\n")[0]).toBe(
      "netpol-review: --fail-on must be error, warning, notice, never, not sometimes",
    );
  });

  it("the manifest globs are matched from the repository root, whatever directory is analysed", async () => {
    const repo = tempRepo({
      ...TREE,
      "deploy/legacy/old.yaml": POD("old"),
      [CONFIG]: "manifests:\n  exclude: [deploy/legacy/**]\n",
    });
    const { stdout } = await cli(["reach", "deploy", "-f", "json"], repo);
    const ids = JSON.parse(stdout).endpoints.map((e: { id: string }) => e.id);
    expect(ids).toContain("shop/web[Pod]");
    expect(ids).not.toContain("shop/old[Pod]");
  });

  it("the configuration's context names cluster workloads the repository does not hold", async () => {
    const context =
      "context:\n  workloads:\n    - { namespace: shop, name: api-gateway, labels: { app: api } }\n";
    const repo = tempRepo({ ...TREE, [CONFIG]: context });
    const { stdout } = await cli(["reach", "deploy", "-f", "json"], repo);
    expect(JSON.parse(stdout).endpoints.map((e: { id: string }) => e.id)).toContain(
      "shop/api-gateway[Deployment]",
    );
  });

  it("an invalid configuration is reported at its line, as the check reports it, and nothing runs", async () => {
    const repo = tempRepo({ ...TREE, [CONFIG]: "failOn:\n  severity: sometimes\n" });
    const { code, stdout, stderr } = await cli(["lint", "deploy"], repo);
    expect(code).toBe(1);
    expect(stdout).toBe("");
    expect(stderr).toBe(
      '.github/netpol-review.yml:2: error: failOn.severity: must be one of "error", "warning", "notice", "never", not "sometimes" [config]',
    );
  });

  it("diff exits 1 when the check would fail (failOn.openedPaths), 0 when it would pass", async () => {
    const base = tempTree({
      "web.yaml": POD("web"),
      "api.yaml": POD("api"),
      "deny.yaml": UNDOCUMENTED.replace(/ingress: .*/, "ingress: []"),
    });
    const head = tempTree({ "web.yaml": POD("web"), "api.yaml": POD("api"), "deny.yaml": UNDOCUMENTED });
    const strict = tempTree({ "netpol.yml": "failOn:\n  openedPaths: true\n" });
    const failing = await cli(["diff", base, head, "--config", join(strict, "netpol.yml")]);
    expect(failing.code).toBe(1);
    expect(failing.stderr).toContain(
      "netpol-review: the check would fail: opens 1 network path (`failOn.openedPaths: true`)",
    );
    expect((await cli(["diff", base, head])).code).toBe(0);
  });
});
