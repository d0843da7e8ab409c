import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { defaultEngine } from "../../src/github/default-engine.js";
import { appDependencies } from "../../src/github/dependencies.js";
import { readTree } from "../helpers/read-tree.js";
import { fixturePath } from "../scopes/helpers.js";
import { pullRequestEvent } from "./helpers/events.js";
import { FakeGitHub } from "./helpers/fake-github.js";
import { interceptGitHub, resetNock } from "./helpers/nock-github.js";
import { type TestApp, testApp } from "./helpers/test-app.js";

// The App with the real engine reviews scope by scope (docs/scopes.md).

let gh: FakeGitHub;
let app: TestApp;

beforeEach(async () => {
  gh = new FakeGitHub();
  interceptGitHub(gh);
  app = await testApp(appDependencies(defaultEngine));
});

afterEach(() => resetNock());

async function review(before: Record<string, string>, after: Record<string, string>) {
  const base = gh.commit(before);
  const head = gh.commit(after);
  gh.pull({ number: 7, base: { ref: "main", sha: base }, head: { ref: "change", sha: head } });
  await app.receive("pull_request", pullRequestEvent({ headSha: head, baseSha: base }));
  return { run: gh.checkRuns[0], comment: gh.issueComments[0]?.body ?? "" };
}

describe("the App reviews scope by scope", () => {
  it("a change to one overlay is reviewed in that overlay, and the other is named as not affected", async () => {
    const after = readTree(fixturePath("overlays"));
    const before = { ...after };
    delete before["overlays/prod/allow-metrics.yaml"];
    const { run, comment } = await review(before, after);
    expect(run).toMatchObject({ status: "completed", conclusion: "success" });
    expect(run?.output?.title).toBe("overlays/prod: 1 path opened, 0 closed");
    expect(comment).toContain("Not affected by this change: `overlays/staging`.");
  });

  it("a change all inside a Helm chart is neutral, with a headline that says so", async () => {
    const after = readTree(fixturePath("helm"));
    const before = { ...after, "charts/api/templates/networkpolicy.yaml": "{{- if false }}\n{{- end }}\n" };
    const { run } = await review(before, after);
    expect(run).toMatchObject({ status: "completed", conclusion: "neutral" });
    expect(run?.output?.title).toBe(
      "Not analysed: the change is inside Helm chart charts/api, which the review does not render",
    );
    expect(run?.output?.summary).toContain("not analysed: Helm chart charts/api");
  });
});
