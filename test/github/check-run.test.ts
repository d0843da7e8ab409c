import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { appDependencies } from "../../src/github/dependencies.js";
import { rerequestedEvent, suiteRerequestedEvent } from "./helpers/events.js";
import { fakeEngine } from "./helpers/fake-engine.js";
import { FakeGitHub } from "./helpers/fake-github.js";
import { deploymentYaml, policyYaml } from "./helpers/manifests.js";
import { interceptGitHub, resetNock } from "./helpers/nock-github.js";
import { type TestApp, testApp } from "./helpers/test-app.js";

let gh: FakeGitHub;
let app: TestApp;
let head: string;
let older: string;

beforeEach(async () => {
  gh = new FakeGitHub();
  interceptGitHub(gh);
  app = await testApp(appDependencies(fakeEngine()));
  const files = { "deploy/db.yaml": deploymentYaml("shop", "db", "db", 5432) };
  const base = gh.commit(files);
  older = gh.commit({ ...files, "deploy/a.yaml": policyYaml("shop", "a") });
  head = gh.commit({ ...files, "deploy/a.yaml": policyYaml("shop", "a", { described: true }) });
  gh.pull({ number: 7, base: { ref: "main", sha: base }, head: { ref: "allow-web-db", sha: head } });
});

afterEach(() => {
  resetNock();
});

describe("check_run.rerequested", () => {
  it("re-runs the review of the pull request recorded in external_id (forks list no pull requests)", async () => {
    await app.receive("check_run", rerequestedEvent({ headSha: head, externalId: "7", pullNumbers: [] }));
    expect(gh.calls().slice(0, 2)).toEqual([
      "GET /repos/octo-org/shop/pulls/7",
      "POST /repos/octo-org/shop/check-runs",
    ]);
    expect(gh.checkRuns).toEqual([
      expect.objectContaining({
        head_sha: head,
        external_id: "7",
        status: "completed",
        conclusion: "success",
      }),
    ]);
  });

  it("reviews the pull request's current head when the re-run check was on an older commit", async () => {
    await app.receive("check_run", rerequestedEvent({ headSha: older, externalId: "7" }));
    expect(gh.checkRuns.map((c) => c.head_sha)).toEqual([head]);
  });

  it("falls back to the event's pull request list without external_id", async () => {
    await app.receive("check_run", rerequestedEvent({ headSha: head, externalId: null, pullNumbers: [7] }));
    expect(gh.checkRuns).toEqual([expect.objectContaining({ external_id: "7", conclusion: "success" })]);
  });

  it("a run that names no pull request gets a failed run saying so", async () => {
    await app.receive(
      "check_run",
      rerequestedEvent({ headSha: head, externalId: null, pullNumbers: [] }),
      "delivery-x",
    );
    expect(gh.writes().map((r) => r.body)).toMatchInlineSnapshot(`
      [
        {
          "conclusion": "failure",
          "head_sha": "744e6e01e6ffb11c66946fce9faef1d5297864bd",
          "name": "netpol-review",
          "output": {
            "summary": "netpol-review stopped before it could publish a review: the check run does not say which pull request it reviewed (it has no external\\_id and lists no pull request).

      Re-run this check, or comment \`/netpol recheck\` on the pull request. If it keeps failing, the app's logs have the details under delivery id \`delivery-x\`.",
            "title": "The review could not complete",
          },
          "status": "completed",
        },
      ]
    `);
  });

  it("a pull request that cannot be read (404) gets a failed run saying so", async () => {
    gh.fail("GET", /\/pulls\/7$/, 404);
    await app.receive("check_run", rerequestedEvent({ headSha: head, externalId: "7" }));
    expect(gh.checkRuns).toEqual([
      expect.objectContaining({ head_sha: head, status: "completed", conclusion: "failure" }),
    ]);
    expect(gh.checkRuns[0]?.output?.summary).toContain(
      "cannot read pull request 7: GitHub API error 404 on GET /repos/octo-org/shop/pulls/7: Not Found",
    );
  });

  it("other apps' check runs are ignored", async () => {
    await app.receive("check_run", rerequestedEvent({ headSha: head, name: "ci/build" }));
    expect(gh.requests).toEqual([]);
  });
});

describe("check_suite.rerequested (Re-run all checks)", () => {
  it("re-runs the review of the pull request the suite's netpol-review run recorded (forks list none)", async () => {
    await app.receive("check_run", rerequestedEvent({ headSha: head, externalId: "7", pullNumbers: [] }));
    const suite = gh.suiteOf({ head_sha: head });
    await app.receive("check_suite", suiteRerequestedEvent({ headSha: head, suiteId: suite }));
    expect(gh.calls()).toContain(`GET /repos/octo-org/shop/check-suites/${suite}/check-runs`);
    expect(gh.checkRuns.map((c) => [c.head_sha, c.external_id, c.conclusion])).toEqual([
      [head, "7", "success"],
      [head, "7", "success"],
    ]);
  });

  it("falls back to the suite's pull requests when the app has no run in it", async () => {
    await app.receive("check_suite", suiteRerequestedEvent({ headSha: head, suiteId: 1, pullNumbers: [7] }));
    expect(gh.checkRuns).toEqual([expect.objectContaining({ external_id: "7", conclusion: "success" })]);
  });
});
