import { afterEach, describe, expect, it } from "vitest";
import { defaultEngine } from "../../src/github/default-engine.js";
import { appDependencies } from "../../src/github/dependencies.js";
import { pullRequestEvent } from "../github/helpers/events.js";
import { FakeGitHub } from "../github/helpers/fake-github.js";
import { interceptGitHub, resetNock } from "../github/helpers/nock-github.js";
import { testApp } from "../github/helpers/test-app.js";
import { readTree } from "../helpers/read-tree.js";
import { fixturePath } from "../scopes/helpers.js";
import { git, tempRepo, writeFiles } from "./repo.js";
import { cli } from "./run.js";

// One repository, one configuration, one change: the GitHub App's check (real engine, fake
// GitHub) and the CLI run in that repository must find the same and conclude the same.

const CONFIG = "rules:\n  missing-description: error\nfailOn:\n  openedPaths: true\n";
const UNDOCUMENTED_METRICS = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: api-from-metrics, namespace: shop }
spec:
  podSelector: { matchLabels: { app: api } }
  ingress: [{ from: [{ podSelector: { matchLabels: { app: metrics } } }], ports: [{ port: 8080 }] }]
`;

afterEach(() => resetNock());

describe("the CLI is the check, locally", () => {
  it("same trees and configuration give the same findings and the same conclusion in the CLI and the App", async () => {
    const repo = tempRepo({ ".github/netpol-review.yml": CONFIG }, { ".": fixturePath("overlays") });
    git(repo, "rm", "-q", "overlays/prod/allow-metrics.yaml");
    git(repo, "commit", "-qm", "base");
    const before = readTree(repo);
    writeFiles(repo, { "overlays/prod/allow-metrics.yaml": UNDOCUMENTED_METRICS });
    git(repo, "add", ".");
    git(repo, "commit", "-qm", "head");
    const after = readTree(repo);

    const gh = new FakeGitHub();
    interceptGitHub(gh);
    const app = await testApp(appDependencies(defaultEngine));
    const base = gh.commit(before);
    const head = gh.commit(after);
    gh.configs.set("main", CONFIG);
    gh.pull({ number: 7, base: { ref: "main", sha: base }, head: { ref: "metrics", sha: head } });
    await app.receive("pull_request", pullRequestEvent({ headSha: head, baseSha: base }));
    const run = gh.checkRuns[0];
    const level = { error: "failure", warning: "warning", notice: "notice" } as const;
    type Annotation = { path: string; start_line: number; annotation_level: string; title: string };
    const appFindings = ((run?.annotations ?? []) as Annotation[]).map((a) => [
      a.path,
      a.start_line,
      a.annotation_level,
      a.title,
    ]);

    const lint = await cli(["lint", "HEAD", "--base", "HEAD~1", "-f", "json"], repo);
    type JsonFinding = {
      rule: string;
      file: string;
      line: number;
      severity: keyof typeof level;
      object?: string;
      introduced: boolean;
    };
    const scopes = JSON.parse(lint.stdout).scopes as { findings: JsonFinding[] }[];
    const cliFindings = scopes
      .flatMap((s) => s.findings)
      .filter((f) => f.introduced || f.rule === "invalid-manifest")
      .map((f) => [f.file, f.line, level[f.severity], f.object ? `${f.rule}: ${f.object}` : f.rule]);
    expect(cliFindings).toEqual(appFindings);
    expect(cliFindings).toEqual([
      [
        "overlays/prod/allow-metrics.yaml",
        1,
        "failure",
        "missing-description: NetworkPolicy shop/api-from-metrics",
      ],
    ]);

    const diff = await cli(["diff", "HEAD~1", "HEAD"], repo);
    expect(run?.conclusion).toBe("failure");
    expect(diff.code).toBe(1);
    expect(run?.output?.title).toBe("overlays/prod: 1 path opened, 0 closed, 1 finding");
  });
});
