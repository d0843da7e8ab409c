import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { appDependencies } from "../../src/github/dependencies.js";
import { pullRequestEvent, rerequestedEvent } from "./helpers/events.js";
import { FAKE_MARKER, fakeEngine } from "./helpers/fake-engine.js";
import { FakeGitHub, type FakeReviewComment } from "./helpers/fake-github.js";
import { deploymentYaml, policyYaml } from "./helpers/manifests.js";
import { interceptGitHub, resetNock } from "./helpers/nock-github.js";
import { type TestApp, testApp } from "./helpers/test-app.js";

let gh: FakeGitHub;
let app: TestApp;

beforeEach(async () => {
  gh = new FakeGitHub();
  interceptGitHub(gh);
  app = await testApp(appDependencies(fakeEngine(), { completionRetryDelaysMs: [0, 0] }));
});

afterEach(() => {
  resetNock();
});

const BASE_FILES = {
  "deploy/db.yaml": deploymentYaml("shop", "db", "db", 5432),
  "deploy/web.yaml": deploymentYaml("shop", "web"),
  "README.md": "# shop\n",
};

/** Pull request 7: `head` files on top of the base files (a `null` deletes a file). */
function pullRequest(changes: Record<string, string | null>, options: { number?: number } = {}) {
  const base = gh.commit(BASE_FILES);
  const headFiles: Record<string, string> = { ...BASE_FILES };
  for (const [path, content] of Object.entries(changes)) {
    if (content === null) delete headFiles[path];
    else headFiles[path] = content;
  }
  const head = gh.commit(headFiles);
  const number = options.number ?? 7;
  gh.pull({ number, base: { ref: "main", sha: base }, head: { ref: "allow-web-db", sha: head } });
  return { base, head, number };
}

const opened = (p: { base: string; head: string; number?: number }, action = "opened") =>
  app.receive(
    "pull_request",
    pullRequestEvent({ action, headSha: p.head, baseSha: p.base, number: p.number ?? 7 }),
  );

describe("pull_request events", () => {
  it("opened: an in-progress check, the review fetched at merge base and head, then comment, review and completed check", async () => {
    const pr = pullRequest({ "deploy/allow-web-db.yaml": policyYaml("shop", "allow-web-db") });
    await opened(pr);

    expect(gh.calls()).toEqual([
      "POST /repos/octo-org/shop/check-runs",
      "GET /repos/octo-org/shop/contents/.github/netpol-review.yml",
      "GET /repos/octo-org/shop/pulls/7/files",
      `GET /repos/octo-org/shop/compare/${pr.base}...${pr.head}`,
      `GET /repos/octo-org/shop/git/trees/${pr.head}`,
      expect.stringMatching(/^GET \/repos\/octo-org\/shop\/git\/blobs\//),
      expect.stringMatching(/^GET \/repos\/octo-org\/shop\/git\/blobs\//),
      expect.stringMatching(/^GET \/repos\/octo-org\/shop\/git\/blobs\//),
      `GET /repos/octo-org/shop/git/trees/${pr.base}`,
      "GET /repos/octo-org/shop/issues/7/comments",
      // Before each write: still the head?
      "GET /repos/octo-org/shop/pulls/7",
      "POST /repos/octo-org/shop/issues/7/comments",
      "GET /repos/octo-org/shop/pulls/7/comments",
      "GET /repos/octo-org/shop/pulls/7",
      "POST /repos/octo-org/shop/pulls/7/reviews",
      "GET /repos/octo-org/shop/pulls/7",
      "PATCH /repos/octo-org/shop/check-runs/1000",
    ]);
    // The base branch by its full name: a tag called `main` is never read.
    expect(gh.requests[1]?.query).toEqual({ ref: "refs/heads/main" });
    expect(gh.requests[4]?.query).toEqual({ recursive: "true" });
    expect(gh.writes().map((r) => r.body)).toMatchInlineSnapshot(`
      [
        {
          "external_id": "7",
          "head_sha": "dcf7cba5f9e84cdb0cad92c1262598a80902d590",
          "name": "netpol-review",
          "output": {
            "summary": "Comparing the manifests at dcf7cba with the merge base of pull request #7.",
            "title": "Reviewing network policies",
          },
          "status": "in_progress",
        },
        {
          "body": "<!-- fake-netpol-review -->
      opened 1, closed 0, findings 1 (963c8e4..dcf7cba)",
        },
        {
          "body": "**netpol-review**: 1 finding on lines this pull request changes.",
          "comments": [
            {
              "body": "**error** \`missing-description\`: NetworkPolicy shop/allow-web-db has no description annotation

      **Fix:** add a netpol-review/description annotation

      <!-- netpol-review:finding 26518d028d1ef367 -->",
              "line": 1,
              "path": "deploy/allow-web-db.yaml",
              "side": "RIGHT",
            },
          ],
          "commit_id": "dcf7cba5f9e84cdb0cad92c1262598a80902d590",
          "event": "COMMENT",
        },
        {
          "conclusion": "failure",
          "output": {
            "annotations": [
              {
                "annotation_level": "failure",
                "end_line": 1,
                "message": "NetworkPolicy shop/allow-web-db has no description annotation",
                "path": "deploy/allow-web-db.yaml",
                "start_line": 1,
                "title": "missing-description",
              },
            ],
            "summary": "**This check fails** because the pull request:
      - introduces 1 finding of severity error (\`failOn.severity: error\`)

      base merge base with main 963c8e477a138d89c86b9a2568cf0a7ff08428b0, head allow-web-db dcf7cba5f9e84cdb0cad92c1262598a80902d590",
            "text": "missing-description deploy/allow-web-db.yaml:1",
            "title": "1 opened, 0 closed",
          },
          "status": "completed",
        },
      ]
    `);
    expect(gh.checkRuns[0]).toMatchObject({ status: "completed", conclusion: "failure", external_id: "7" });
  });

  it.each(["synchronize", "reopened", "ready_for_review"])("%s reviews the head again", async (action) => {
    const pr = pullRequest({
      "deploy/allow-web-db.yaml": policyYaml("shop", "allow-web-db", { described: true }),
    });
    await opened(pr, action);
    expect(gh.checkRuns).toEqual([
      expect.objectContaining({
        head_sha: pr.head,
        status: "completed",
        conclusion: "success",
        external_id: "7",
      }),
    ]);
  });

  it("edited is ignored unless the base branch changed", async () => {
    const pr = pullRequest({ "deploy/allow-web-db.yaml": policyYaml("shop", "allow-web-db") });
    await opened(pr, "edited");
    expect(gh.requests).toEqual([]);

    await app.receive(
      "pull_request",
      pullRequestEvent({
        action: "edited",
        headSha: pr.head,
        baseSha: pr.base,
        changes: { base: { ref: { from: "release" }, sha: { from: pr.base } } },
      }),
    );
    expect(gh.checkRuns).toHaveLength(1);
    expect(gh.checkRuns[0]?.status).toBe("completed");
  });

  it("a pull request that changes no manifest succeeds without fetching any tree", async () => {
    const pr = pullRequest({ "README.md": "# shop, now documented\n" });
    await opened(pr);
    expect(gh.calls()).toEqual([
      "POST /repos/octo-org/shop/check-runs",
      "GET /repos/octo-org/shop/contents/.github/netpol-review.yml",
      "GET /repos/octo-org/shop/pulls/7/files",
      "GET /repos/octo-org/shop/issues/7/comments",
      "GET /repos/octo-org/shop/pulls/7",
      "PATCH /repos/octo-org/shop/check-runs/1000",
    ]);
    expect(gh.writes().at(-1)?.body).toMatchInlineSnapshot(`
      {
        "conclusion": "success",
        "output": {
          "summary": "This pull request changes no file that the manifest globs (\`manifests.include\` / \`manifests.exclude\`) select, at \`b711c0d\`. Nothing to review.",
          "title": "No manifest changes",
        },
        "status": "completed",
      }
    `);
  });

  it("a pull request that no longer changes manifests rewrites its old comment", async () => {
    const pr = pullRequest({ "README.md": "# shop, now documented\n" });
    const old = gh.botComment(`${FAKE_MARKER}\nopened 1, closed 0`);
    await opened(pr);
    expect(gh.issueComments.find((c) => c.id === old.id)?.body).toMatchInlineSnapshot(`
      "<!-- fake-netpol-review -->
      ### netpol-review

      This pull request no longer changes any manifest: no network path opens or closes.
      "
    `);
  });

  it("manifest globs decide what counts as a manifest change", async () => {
    const pr = pullRequest({ "deploy/allow-web-db.yaml": policyYaml("shop", "allow-web-db") });
    gh.configs.set("main", "manifests:\n  include: ['clusters/**/*.yaml']\n");
    await opened(pr);
    expect(gh.checkRuns[0]?.output?.title).toBe("No manifest changes");
    expect(gh.calls().some((c) => c.includes("/git/"))).toBe(false);
  });
});

describe("configuration from the base branch", () => {
  it("a YAML error fails the check and names the line; nothing is fetched", async () => {
    const pr = pullRequest({ "deploy/allow-web-db.yaml": policyYaml("shop", "allow-web-db") });
    gh.configs.set("main", "failOn:\n  severity: [error\n");
    // The head's configuration is never read: a pull request cannot change its own check.
    gh.configs.set("allow-web-db", "failOn:\n  severity: never\n");
    await opened(pr);
    expect(gh.calls()).toEqual([
      "POST /repos/octo-org/shop/check-runs",
      "GET /repos/octo-org/shop/contents/.github/netpol-review.yml",
      "PATCH /repos/octo-org/shop/check-runs/1000",
    ]);
    expect(gh.writes()[1]?.body).toMatchInlineSnapshot(`
      {
        "conclusion": "failure",
        "output": {
          "summary": "The configuration \`.github/netpol-review.yml\` in the pull request's base branch is not valid, so the review did not run.

      - \`.github/netpol-review.yml\` line 3: YAML syntax error: Flow sequence in block collection must be sufficiently indented and end with a \\]

      Fix the file on the base branch (a pull request cannot change the configuration it is checked with), then re-run this check. The keys are documented in \`docs/configuration.md\`.",
          "title": "Invalid configuration: 1 problem in .github/netpol-review.yml",
        },
        "status": "completed",
      }
    `);
  });

  it("a schema error fails the check and names the key and why", async () => {
    const pr = pullRequest({ "deploy/allow-web-db.yaml": policyYaml("shop", "allow-web-db") });
    gh.configs.set("main", "comment: sometimes\nfailOn:\n  openedPaths: yes please\n");
    await opened(pr);
    const update = gh.writes()[1]?.body as { conclusion: string; output: { title: string; summary: string } };
    expect(update.conclusion).toBe("failure");
    expect(update.output.title).toBe("Invalid configuration: 2 problems in .github/netpol-review.yml");
    expect(update.output.summary).toContain(
      'line 1, key `comment`: must be one of "always", "on-change", "never", not "sometimes"',
    );
    expect(update.output.summary).toContain(
      'line 3, key `failOn.openedPaths`: must be true or false, not "yes please"',
    );
  });

  it("failOn decides the conclusion: opened paths and protected namespaces", async () => {
    const pr = pullRequest({
      "deploy/allow-web-db.yaml": policyYaml("shop", "allow-web-db", { described: true }),
    });
    gh.configs.set("main", "failOn:\n  openedPaths: true\n  protectedNamespaces: [shop]\n");
    await opened(pr);
    expect(gh.checkRuns[0]?.conclusion).toBe("failure");
    expect(gh.checkRuns[0]?.output?.summary).toMatchInlineSnapshot(`
      "**This check fails** because the pull request:
      - opens 1 network path (\`failOn.openedPaths: true\`)
      - opens paths into protected namespace \`shop\` (\`failOn.protectedNamespaces\`)

      base merge base with main 963c8e477a138d89c86b9a2568cf0a7ff08428b0, head allow-web-db 413d191db9ae7ec6eb79dd2329c8ed0c86265ad2"
    `);
  });

  it("failOn.severity: never and rules: off let an undocumented policy pass", async () => {
    const pr = pullRequest({ "deploy/allow-web-db.yaml": policyYaml("shop", "allow-web-db") });
    gh.configs.set("main", "failOn:\n  severity: never\n");
    await opened(pr);
    expect(gh.checkRuns[0]?.conclusion).toBe("success");
  });
});

describe("the sticky comment", () => {
  it("is edited in place when it exists", async () => {
    const pr = pullRequest({
      "deploy/allow-web-db.yaml": policyYaml("shop", "allow-web-db", { described: true }),
    });
    gh.humanComment("Looks risky");
    const sticky = gh.botComment(`${FAKE_MARKER}\nold review`);
    await opened(pr);
    expect(gh.calls().filter((c) => c.includes("/issues/"))).toEqual([
      "GET /repos/octo-org/shop/issues/7/comments",
      `PATCH /repos/octo-org/shop/issues/comments/${sticky.id}`,
    ]);
    expect(gh.issueComments).toHaveLength(2);
  });

  it("is not rewritten when identical", async () => {
    const pr = pullRequest({
      "deploy/allow-web-db.yaml": policyYaml("shop", "allow-web-db", { described: true }),
    });
    await opened(pr);
    expect(gh.issueComments).toHaveLength(1);
    gh.requests.length = 0;
    await opened(pr, "synchronize");
    expect(gh.calls().filter((c) => c.includes("/issues/"))).toEqual([
      "GET /repos/octo-org/shop/issues/7/comments",
    ]);
  });

  it("comment: never posts nothing and reads no comments", async () => {
    const pr = pullRequest({
      "deploy/allow-web-db.yaml": policyYaml("shop", "allow-web-db", { described: true }),
    });
    gh.configs.set("main", "comment: never\n");
    await opened(pr);
    expect(gh.calls().filter((c) => c.includes("/issues/"))).toEqual([]);
  });

  it("comment: on-change does not create a comment for a change that changes nothing", async () => {
    // A new deployment without policies: no path opens or closes, no finding.
    const pr = pullRequest({ "deploy/cache.yaml": deploymentYaml("shop", "cache") });
    await opened(pr);
    expect(gh.calls().filter((c) => c.includes("/issues/"))).toEqual([
      "GET /repos/octo-org/shop/issues/7/comments",
    ]);
    expect(gh.issueComments).toHaveLength(0);
  });

  it("comment: always creates it even then", async () => {
    const pr = pullRequest({ "deploy/cache.yaml": deploymentYaml("shop", "cache") });
    gh.configs.set("main", "comment: always\n");
    await opened(pr);
    expect(gh.issueComments.map((c) => c.body)).toEqual([
      expect.stringContaining("opened 0, closed 0, findings 0"),
    ]);
  });

  it("is found on a later page of comments", async () => {
    const pr = pullRequest({
      "deploy/allow-web-db.yaml": policyYaml("shop", "allow-web-db", { described: true }),
    });
    for (let i = 0; i < 130; i++) gh.humanComment(`comment ${i}`);
    const sticky = gh.botComment(`${FAKE_MARKER}\nold review`);
    await opened(pr);
    expect(gh.requests.filter((r) => r.path.endsWith("/issues/7/comments")).map((r) => r.query)).toEqual([
      { per_page: "100" },
      { per_page: "100", page: "2" },
    ]);
    expect(gh.writes().some((r) => r.path === `/repos/octo-org/shop/issues/comments/${sticky.id}`)).toBe(
      true,
    );
    expect(gh.issueComments).toHaveLength(131);
  });
});

describe("inline review comments", () => {
  it("comment only on lines of the diff", async () => {
    const pr = pullRequest({
      "deploy/allow-web-db.yaml": policyYaml("shop", "allow-web-db"),
      "deploy/other.yaml": policyYaml("shop", "other"),
    });
    // GitHub shows no diff for other.yaml (say, too large): no line to comment on.
    gh.pr(7).files = [
      {
        filename: "deploy/allow-web-db.yaml",
        status: "added",
        patch: `@@ -0,0 +1,3 @@\n+apiVersion: networking.k8s.io/v1\n+kind: NetworkPolicy\n+metadata:`,
      },
      { filename: "deploy/other.yaml", status: "added" },
    ];
    await opened(pr);
    const review = gh.writes().find((r) => r.path.endsWith("/reviews"))?.body as {
      comments: { path: string; line: number }[];
    };
    expect(review.comments.map((c) => `${c.path}:${c.line}`)).toEqual(["deploy/allow-web-db.yaml:1"]);
  });

  it("a finding already commented on the same line is not commented again", async () => {
    const pr = pullRequest({ "deploy/allow-web-db.yaml": policyYaml("shop", "allow-web-db") });
    await opened(pr);
    expect(gh.reviews).toHaveLength(1);
    await opened(pr, "synchronize");
    expect(gh.reviews).toHaveLength(1);
    expect(gh.reviewComments).toHaveLength(1);
  });

  it("reads every page of review comments before deciding a finding is new", async () => {
    const pr = pullRequest({ "deploy/allow-web-db.yaml": policyYaml("shop", "allow-web-db") });
    await opened(pr);
    // Reviewers discussed a lot since: the app's comment is now on the second page.
    for (let i = 0; i < 120; i++)
      gh.reviewComments.unshift({
        id: 9000 + i,
        path: "deploy/web.yaml",
        line: 1,
        body: `nit ${i}`,
        commit_id: pr.head,
        user: { login: "carol", type: "User" },
      });
    gh.requests.length = 0;
    await opened(pr, "synchronize");
    expect(gh.requests.filter((r) => r.path.endsWith("/pulls/7/comments")).map((r) => r.query)).toEqual([
      { per_page: "100" },
      { per_page: "100", page: "2" },
    ]);
    expect(gh.reviews).toHaveLength(1);
  });

  it("comments GitHub refuses (422) are noted on the check, which keeps its verdict", async () => {
    const pr = pullRequest({ "deploy/allow-web-db.yaml": policyYaml("shop", "allow-web-db") });
    gh.fail("POST", /\/pulls\/7\/reviews$/, 422);
    await opened(pr);
    expect(gh.checkRuns[0]).toMatchObject({ status: "completed", conclusion: "failure" });
    expect(gh.checkRuns[0]?.output?.title).toBe("1 opened, 0 closed");
    expect(gh.checkRuns[0]?.output?.summary).toContain(
      "GitHub refused the inline review comments: GitHub API error 422 on POST /repos/octo-org/shop/pulls/7/reviews",
    );
  });

  it("reviewComments: false posts none", async () => {
    const pr = pullRequest({ "deploy/allow-web-db.yaml": policyYaml("shop", "allow-web-db") });
    gh.configs.set("main", "reviewComments: false\n");
    await opened(pr);
    expect(gh.calls().filter((c) => c.includes("/pulls/7/"))).toEqual([
      "GET /repos/octo-org/shop/pulls/7/files",
    ]);
  });
});

describe("check run annotations", () => {
  it("go 50 per request, the last batch with the conclusion", async () => {
    const many = Array.from({ length: 120 }, (_, i) => policyYaml("shop", `p${i}`)).join("---\n");
    const pr = pullRequest({ "deploy/many.yaml": many });
    gh.configs.set("main", "reviewComments: false\ncomment: never\n");
    await opened(pr);
    const updates = gh.writes().filter((r) => r.method === "PATCH") as {
      body: { status?: string; conclusion?: string; output: { annotations: unknown[] } };
    }[];
    expect(
      updates.map((u) => [
        u.body.status ?? "in_progress",
        u.body.conclusion ?? null,
        u.body.output.annotations.length,
      ]),
    ).toEqual([
      ["in_progress", null, 50],
      ["in_progress", null, 50],
      ["completed", "failure", 20],
    ]);
    expect(gh.checkRuns[0]?.annotations).toHaveLength(120);
  });
});

describe("stale results", () => {
  it("a review whose head moved meanwhile publishes nothing and ends its check as superseded", async () => {
    const pr = pullRequest({ "deploy/allow-web-db.yaml": policyYaml("shop", "allow-web-db") });
    const newer = gh.commit({ ...BASE_FILES, "deploy/x.yaml": policyYaml("shop", "x") });
    gh.beforeAnswer = (request) => {
      // Someone pushes while the trees are being read.
      if (request.path.includes("/git/trees/")) gh.pr(7).head.sha = newer;
    };
    await opened(pr);
    expect(gh.calls().filter((c) => !c.startsWith("GET"))).toEqual([
      "POST /repos/octo-org/shop/check-runs",
      "PATCH /repos/octo-org/shop/check-runs/1000",
    ]);
    expect(gh.writes()[1]?.body).toMatchInlineSnapshot(`
      {
        "conclusion": "cancelled",
        "output": {
          "summary": "The pull request's head moved from \`dcf7cba\` to \`7313326\` while this review ran. Its results were not published; the review of the newer head replaces them.",
          "title": "Superseded by a newer push",
        },
        "status": "completed",
      }
    `);
  });
});

describe("failures end visibly", () => {
  it("a GitHub 500 completes the check as failed, with the failing call, and is logged with the delivery id", async () => {
    const pr = pullRequest({ "deploy/allow-web-db.yaml": policyYaml("shop", "allow-web-db") });
    gh.fail("GET", /\/git\/trees\//, 500);
    await app.receive(
      "pull_request",
      pullRequestEvent({ headSha: pr.head, baseSha: pr.base }),
      "delivery-500",
    );
    expect(gh.writes().at(-1)?.body).toMatchInlineSnapshot(`
      {
        "conclusion": "failure",
        "output": {
          "summary": "netpol-review stopped before it could publish a review: GitHub API error 500 on GET /repos/octo-org/shop/git/trees/dcf7cba5f9e84cdb0cad92c1262598a80902d590: Server Error.

      Re-run this check, or comment \`/netpol recheck\` on the pull request. If it keeps failing, the app's logs have the details under delivery id \`delivery-500\`.",
          "title": "The review could not complete",
        },
        "status": "completed",
      }
    `);
    const error = app.logs.find((l) => l.level === "error");
    expect(error?.fields).toMatchObject({ deliveryId: "delivery-500", pullRequest: 7 });
    expect(error?.bindings).toMatchObject({ id: "delivery-500" });
    expect(error?.message).toContain("GitHub API error 500 on GET /repos/octo-org/shop/git/trees/");
  });

  it("a GitHub 404 (the head commit is gone) completes the check as failed", async () => {
    const pr = pullRequest({ "deploy/allow-web-db.yaml": policyYaml("shop", "allow-web-db") });
    gh.fail("GET", /\/compare\//, 404);
    await opened(pr);
    expect(gh.checkRuns[0]).toMatchObject({ status: "completed", conclusion: "failure" });
    expect(gh.checkRuns[0]?.output?.summary).toContain(
      `GitHub API error 404 on GET /repos/octo-org/shop/compare/${pr.base}...${pr.head}: Not Found`,
    );
  });

  it("a failure to publish the comment also ends on the check", async () => {
    const pr = pullRequest({ "deploy/allow-web-db.yaml": policyYaml("shop", "allow-web-db") });
    gh.fail("POST", /\/issues\/7\/comments$/, 500);
    await opened(pr);
    expect(gh.checkRuns[0]).toMatchObject({ status: "completed", conclusion: "failure" });
    expect(gh.checkRuns[0]?.output?.summary).toContain(
      "GitHub API error 500 on POST /repos/octo-org/shop/issues/7/comments",
    );
  });

  it("a check run GitHub refuses to complete is completed on a later attempt, with its title and summary only", async () => {
    const pr = pullRequest({ "deploy/allow-web-db.yaml": policyYaml("shop", "allow-web-db") });
    gh.fail("PATCH", /\/check-runs\//, 500, 2);
    await opened(pr);
    expect(gh.checkRuns[0]).toMatchObject({ status: "completed", conclusion: "failure" });
    expect(gh.checkRuns[0]?.output?.title).toBe("1 opened, 0 closed");
    const patches = gh.requests.filter((r) => r.method === "PATCH");
    expect(patches).toHaveLength(3);
    expect((patches[2]?.body as { output?: Record<string, unknown> } | undefined)?.output).toEqual({
      title: "1 opened, 0 closed",
      summary: expect.stringContaining("base merge base with main"),
    });
  });

  it("when even the check cannot be completed, the error reaches Probot (and its logs)", async () => {
    const pr = pullRequest({ "deploy/allow-web-db.yaml": policyYaml("shop", "allow-web-db") });
    gh.fail("GET", /\/pulls\/7\/files$/, 500);
    // The completion and both retries.
    gh.fail("PATCH", /\/check-runs\//, 500, 3);
    // Probot gets the description only, not Octokit's error object.
    await expect(opened(pr)).rejects.toThrow(
      "GitHub API error 500 on GET /repos/octo-org/shop/pulls/7/files: Server Error",
    );
    // Ours (the review's failure, then the failure to report it), then Probot's own.
    const errors = app.logs.filter((l) => l.level === "error");
    expect(errors.map((l) => l.fields.deliveryId ?? l.bindings.id)).toEqual([
      "delivery-1",
      "delivery-1",
      "delivery-1",
    ]);
  });
});

describe("redeliveries", () => {
  it("a delivery id already handled is ignored (GitHub redelivers with the same X-GitHub-Delivery)", async () => {
    const pr = pullRequest({ "deploy/allow-web-db.yaml": policyYaml("shop", "allow-web-db") });
    const event = pullRequestEvent({ headSha: pr.head, baseSha: pr.base });
    await app.receive("pull_request", event, "d-1");
    await app.receive("pull_request", event, "d-1");
    expect(gh.checkRuns).toHaveLength(1);
    expect(app.logs.map((l) => l.message)).toContain("delivery already handled: ignored");
  });

  it("a delivery whose handling failed is handled again when redelivered", async () => {
    const pr = pullRequest({ "deploy/allow-web-db.yaml": policyYaml("shop", "allow-web-db") });
    const event = pullRequestEvent({ headSha: pr.head, baseSha: pr.base });
    gh.fail("POST", /\/check-runs$/, 500);
    await expect(app.receive("pull_request", event, "d-2")).rejects.toThrow();
    await app.receive("pull_request", event, "d-2");
    expect(gh.checkRuns).toEqual([expect.objectContaining({ status: "completed" })]);
  });
});

describe("pagination", () => {
  it("reads every page of the pull request's files", async () => {
    const changes: Record<string, string> = {};
    for (let i = 0; i < 150; i++) changes[`docs/page-${String(i).padStart(3, "0")}.md`] = `page ${i}\n`;
    changes["zz/allow-web-db.yaml"] = policyYaml("shop", "allow-web-db", { described: true });
    const pr = pullRequest(changes);
    await opened(pr);
    expect(gh.requests.filter((r) => r.path.endsWith("/pulls/7/files")).map((r) => r.query)).toEqual([
      { per_page: "100" },
      { per_page: "100", page: "2" },
    ]);
    // The only manifest is on the second page: the review ran.
    expect(gh.checkRuns[0]?.output?.title).toBe("1 opened, 0 closed");
  });
});

describe("GitHub Enterprise Server", () => {
  it("every call goes to the configured API host (GHE_HOST), none to github.com", async () => {
    resetNock();
    gh = new FakeGitHub("https://ghe.example.com/api/v3", "https://ghe.example.com/_codeload");
    interceptGitHub(gh);
    app = await testApp(appDependencies(fakeEngine()), { baseUrl: "https://ghe.example.com/api/v3" });
    const pr = pullRequest({ "deploy/allow-web-db.yaml": policyYaml("shop", "allow-web-db") });
    await opened(pr);
    expect(new Set(gh.requests.map((r) => r.host))).toEqual(new Set(["ghe.example.com"]));
    expect(gh.checkRuns[0]?.status).toBe("completed");
  });
});

describe("the merge base", () => {
  it("a pull request whose base branch moved on is reviewed at the merge base: base-only changes do not show", async () => {
    // main at the fork point (the merge base), then main moved on: it added a policy of its own.
    const forkPoint = gh.commit(BASE_FILES);
    const mainNow = gh.commit({ ...BASE_FILES, "deploy/main-only.yaml": policyYaml("shop", "main-only") });
    const head = gh.commit({
      ...BASE_FILES,
      "deploy/allow-web-db.yaml": policyYaml("shop", "allow-web-db", { described: true }),
    });
    gh.pull({
      number: 7,
      base: { ref: "main", sha: mainNow },
      head: { ref: "allow-web-db", sha: head },
      mergeBase: forkPoint,
    });
    await opened({ base: mainNow, head });

    expect(gh.calls().filter((c) => c.includes("/compare/") || c.includes("/git/trees/"))).toEqual([
      `GET /repos/octo-org/shop/compare/${mainNow}...${head}`,
      `GET /repos/octo-org/shop/git/trees/${head}`,
      `GET /repos/octo-org/shop/git/trees/${forkPoint}`,
    ]);
    // Nothing is read at the base branch's current commit.
    expect(gh.requests.some((r) => r.path.includes(mainNow) && !r.path.includes("/compare/"))).toBe(false);
    // Compared with main as it is now, the head would also "remove" main-only: it does not.
    expect(gh.checkRuns[0]?.output?.title).toBe("1 opened, 0 closed");
    expect(gh.checkRuns[0]?.output?.summary).toBe(
      `base merge base with main ${forkPoint}, head allow-web-db ${head}`,
    );
    expect(gh.issueComments[0]?.body).toContain(`(${forkPoint.slice(0, 7)}..${head.slice(0, 7)})`);
  });
});

describe("files GitHub does not list", () => {
  /** 3,000 documentation files listed first; the manifest change comes after them. */
  function hugePullRequest() {
    const pr = pullRequest({ "zz/allow-web-db.yaml": policyYaml("shop", "allow-web-db") });
    gh.pr(7).files = [
      ...Array.from({ length: 3000 }, (_, i) => ({
        filename: `docs/page-${String(i).padStart(4, "0")}.md`,
        status: "added",
        patch: "@@ -0,0 +1 @@\n+page",
      })),
      { filename: "zz/allow-web-db.yaml", status: "added", patch: "@@ -0,0 +1,3 @@\n+a\n+b\n+c" },
    ];
    return pr;
  }

  it("a list cut at GitHub's 3,000 files is not taken for 'no manifest changes': the review runs", async () => {
    const pr = hugePullRequest();
    // Without a count to compare with, reaching the limit alone must stop the shortcut.
    await app.receive(
      "pull_request",
      pullRequestEvent({ headSha: pr.head, baseSha: pr.base, changedFiles: null }),
    );
    expect(gh.requests.filter((r) => r.path.endsWith("/pulls/7/files"))).toHaveLength(30);
    expect(gh.calls()).toContain(`GET /repos/octo-org/shop/git/trees/${pr.head}`);
    const run = gh.checkRuns[0];
    expect(run).toMatchObject({ status: "completed", conclusion: "failure" });
    expect(run?.output?.title).toBe("1 opened, 0 closed");
    expect(run?.output?.summary).toContain(
      "GitHub listed only 3000 changed files of this pull request (it lists at most 3,000). The review compared the whole trees all the same; inline comments could only go on the listed files.",
    );
    // The undocumented policy is on a file GitHub did not list: no line to comment on.
    expect(gh.reviews).toEqual([]);
  });

  it("a pull request counting more changed files than were listed is reviewed (re-run: the count from the API)", async () => {
    const pr = pullRequest({
      "README.md": "# shop, now documented\n",
      "deploy/allow-web-db.yaml": policyYaml("shop", "allow-web-db"),
    });
    // GitHub lists README.md only, while the pull request counts 2 changed files.
    gh.listFilesCap = 1;
    await app.receive("check_run", rerequestedEvent({ headSha: pr.head, externalId: "7" }));
    expect(gh.checkRuns[0]?.output?.title).toBe("1 opened, 0 closed");
    expect(gh.checkRuns[0]?.output?.summary).toContain("GitHub listed only 1 of its 2 changed files");
  });

  it("a complete list without manifests still takes the shortcut", async () => {
    const pr = pullRequest({ "README.md": "# shop, now documented\n" });
    await app.receive(
      "pull_request",
      pullRequestEvent({ headSha: pr.head, baseSha: pr.base, changedFiles: 1 }),
    );
    expect(gh.checkRuns[0]?.output?.title).toBe("No manifest changes");
  });
});

describe("reviews of one pull request do not run over each other", () => {
  it("two deliveries at once (a push and a re-run): one sticky comment, one inline review", async () => {
    const pr = pullRequest({ "deploy/allow-web-db.yaml": policyYaml("shop", "allow-web-db") });
    await Promise.all([
      opened(pr, "synchronize"),
      app.receive("check_run", rerequestedEvent({ headSha: pr.head, externalId: "7" })),
    ]);
    expect(gh.checkRuns.map((c) => [c.status, c.conclusion])).toEqual([
      ["completed", "failure"],
      ["completed", "failure"],
    ]);
    expect(gh.issueComments).toHaveLength(1);
    expect(gh.reviews).toHaveLength(1);
  });

  it("the second review starts only when the first has finished", async () => {
    const pr = pullRequest({ "deploy/allow-web-db.yaml": policyYaml("shop", "allow-web-db") });
    const trees = gh.hold("GET", /\/git\/trees\//);
    const first = opened(pr);
    await trees.arrived;
    const second = opened(pr, "synchronize");
    // Both check runs exist at once (created as the events arrive); only one review is reading.
    await waitUntil(() => gh.checkRuns.length === 2);
    const configReads = () => gh.requests.filter((r) => r.path.endsWith("/netpol-review.yml")).length;
    expect(configReads()).toBe(1);
    trees.release();
    await Promise.all([first, second]);
    expect(configReads()).toBe(2);
    const order = gh.calls();
    expect(order.indexOf("PATCH /repos/octo-org/shop/check-runs/1000")).toBeLessThan(
      order.lastIndexOf("GET /repos/octo-org/shop/contents/.github/netpol-review.yml"),
    );
  });

  it("different pull requests are reviewed side by side", async () => {
    const a = pullRequest({ "deploy/a.yaml": policyYaml("shop", "a") }, { number: 7 });
    const b = pullRequest({ "deploy/b.yaml": policyYaml("shop", "b") }, { number: 8 });
    const trees = gh.hold("GET", new RegExp(`/git/trees/${a.head}`));
    const first = opened(a);
    await trees.arrived;
    await opened(b);
    expect(gh.checkRuns.find((c) => c.head_sha === b.head)?.status).toBe("completed");
    trees.release();
    await first;
  });

  it("the head moving after the comment was written stops the inline review, and the check says what was published", async () => {
    const pr = pullRequest({ "deploy/allow-web-db.yaml": policyYaml("shop", "allow-web-db") });
    const newer = gh.commit({ ...BASE_FILES, "deploy/x.yaml": policyYaml("shop", "x") });
    gh.beforeAnswer = (request) => {
      if (request.method === "POST" && request.path.endsWith("/issues/7/comments")) gh.pr(7).head.sha = newer;
    };
    await opened(pr);
    expect(gh.calls().filter((c) => !c.startsWith("GET"))).toEqual([
      "POST /repos/octo-org/shop/check-runs",
      "POST /repos/octo-org/shop/issues/7/comments",
      "PATCH /repos/octo-org/shop/check-runs/1000",
    ]);
    expect(gh.checkRuns[0]).toMatchObject({ conclusion: "cancelled" });
    expect(gh.checkRuns[0]?.output?.summary).toBe(
      `The pull request's head moved from \`${pr.head.slice(0, 7)}\` to \`${newer.slice(0, 7)}\` while this review ran. It had already updated the sticky comment and published nothing more; the review of the newer head replaces it.`,
    );
  });

  it("the head moving after the inline review keeps the results off the check", async () => {
    const pr = pullRequest({ "deploy/allow-web-db.yaml": policyYaml("shop", "allow-web-db") });
    const newer = gh.commit({ ...BASE_FILES, "deploy/x.yaml": policyYaml("shop", "x") });
    gh.beforeAnswer = (request) => {
      if (request.method === "POST" && request.path.endsWith("/pulls/7/reviews")) gh.pr(7).head.sha = newer;
    };
    await opened(pr);
    expect(gh.checkRuns[0]).toMatchObject({ conclusion: "cancelled" });
    expect(gh.checkRuns[0]?.annotations).toEqual([]);
    expect(gh.checkRuns[0]?.output?.summary).toContain(
      "It had already updated the sticky comment and the inline review comments and published nothing more",
    );
  });
});

describe("the configuration's ref", () => {
  it("is the base branch by its full name, never a tag with the same name", async () => {
    const pr = pullRequest({ "deploy/allow-web-db.yaml": policyYaml("shop", "allow-web-db") });
    gh.configs.set("main", "failOn:\n  severity: error\n");
    // Anyone who can push a tag could otherwise swap in a configuration that never fails.
    gh.tagConfigs.set("main", "failOn:\n  severity: never\n");
    await opened(pr);
    expect(gh.requests.find((r) => r.path.endsWith("/netpol-review.yml"))?.query).toEqual({
      ref: "refs/heads/main",
    });
    expect(gh.checkRuns[0]?.conclusion).toBe("failure");
  });
});

describe("protected namespaces the repository does not describe", () => {
  it("a path opened into [other pods] fails the check when a protected namespace is unknown", async () => {
    const pr = pullRequest({
      "deploy/egress.yaml": policyYaml("shop", "allow-all-egress", { described: true }),
    });
    gh.configs.set("main", "failOn:\n  protectedNamespaces: [payments, shop]\n");
    await opened(pr);
    expect(gh.checkRuns[0]?.conclusion).toBe("failure");
    expect(gh.checkRuns[0]?.output?.summary).toMatchInlineSnapshot(`
      "**This check fails** because the pull request:
      - opens paths into \`[other pods]\` (any other pod in the cluster), which may include the pods of protected namespace \`payments\`: no manifest and no \`context.namespaces\` entry describes it, so the review cannot tell its pods apart (\`failOn.protectedNamespaces\`; declare it under \`context.namespaces\`)

      base merge base with main 963c8e477a138d89c86b9a2568cf0a7ff08428b0, head allow-web-db f2a3ba3f41486be1dca8a5eb936e66844ed83e33"
    `);
  });

  it("passes once every protected namespace is known (declared in context, or in the manifests)", async () => {
    const pr = pullRequest({
      "deploy/egress.yaml": policyYaml("shop", "allow-all-egress", { described: true }),
    });
    gh.configs.set(
      "main",
      "failOn:\n  protectedNamespaces: [payments, shop]\ncontext:\n  namespaces:\n    - name: payments\n",
    );
    await opened(pr);
    expect(gh.checkRuns[0]?.conclusion).toBe("success");
  });
});

describe("only the app's own comments count", () => {
  it("another bot's or a person's comment carrying the sticky marker is left alone", async () => {
    const pr = pullRequest({
      "deploy/allow-web-db.yaml": policyYaml("shop", "allow-web-db", { described: true }),
    });
    const spoofed = gh.otherBotComment(`${FAKE_MARKER}\nAll clear, nothing to see.`);
    const human = gh.humanComment(`${FAKE_MARKER}\nAll clear too.`);
    await opened(pr);
    expect(gh.writes().filter((r) => r.path.startsWith("/repos/octo-org/shop/issues/"))).toEqual([
      expect.objectContaining({ method: "POST", path: "/repos/octo-org/shop/issues/7/comments" }),
    ]);
    expect(gh.issueComments.find((c) => c.id === spoofed.id)?.body).toContain("All clear");
    expect(gh.issueComments.find((c) => c.id === human.id)?.body).toContain("All clear");
  });

  it("the app's comment is found by its bot login when GitHub leaves out performed_via_github_app", async () => {
    const pr = pullRequest({
      "deploy/allow-web-db.yaml": policyYaml("shop", "allow-web-db", { described: true }),
    });
    const sticky = gh.botComment(`${FAKE_MARKER}\nold review`, { via: false });
    await opened(pr);
    expect(gh.writes().filter((r) => r.path.startsWith("/repos/octo-org/shop/issues/"))).toEqual([
      expect.objectContaining({ method: "PATCH", path: `/repos/octo-org/shop/issues/comments/${sticky.id}` }),
    ]);
  });

  it("a person's review comment with the app's finding marker does not stop the app's own", async () => {
    const pr = pullRequest({ "deploy/allow-web-db.yaml": policyYaml("shop", "allow-web-db") });
    await opened(pr);
    expect(gh.reviews).toHaveLength(1);
    // Someone replaces the app's comment by a copy of their own (say, to mark it "resolved").
    const original = gh.reviewComments.splice(0, 1)[0];
    gh.reviewComments.push({
      ...(original as FakeReviewComment),
      id: 99,
      user: { login: "mallory", type: "User" },
    });
    await opened(pr, "synchronize");
    expect(gh.reviews).toHaveLength(2);
  });
});

describe("Probot's retries", () => {
  it("a GitHub 500 that persists after Probot's retries completes the check as failed", async () => {
    resetNock();
    gh = new FakeGitHub();
    interceptGitHub(gh);
    app = await testApp(appDependencies(fakeEngine()), { retry: { retries: 2, retryAfterBaseValue: 1 } });
    const pr = pullRequest({ "deploy/allow-web-db.yaml": policyYaml("shop", "allow-web-db") });
    gh.fail("GET", /\/git\/trees\//, 500, 3);
    await opened(pr);
    // The first attempt and two retries.
    expect(gh.calls().filter((c) => c.includes("/git/trees/"))).toEqual(
      Array.from({ length: 3 }, () => `GET /repos/octo-org/shop/git/trees/${pr.head}`),
    );
    expect(gh.checkRuns[0]).toMatchObject({ status: "completed", conclusion: "failure" });
    expect(gh.checkRuns[0]?.output?.summary).toContain(
      `GitHub API error 500 on GET /repos/octo-org/shop/git/trees/${pr.head}: Server Error.`,
    );
  });

  it("a 500 that clears within the retries does not fail the review", async () => {
    resetNock();
    gh = new FakeGitHub();
    interceptGitHub(gh);
    app = await testApp(appDependencies(fakeEngine()), { retry: { retries: 2, retryAfterBaseValue: 1 } });
    const pr = pullRequest({ "deploy/allow-web-db.yaml": policyYaml("shop", "allow-web-db") });
    gh.fail("GET", /\/git\/trees\//, 500, 2);
    await opened(pr);
    expect(gh.calls().filter((c) => c.includes(`/git/trees/${pr.head}`))).toHaveLength(3);
    expect(gh.checkRuns[0]?.output?.title).toBe("1 opened, 0 closed");
  });
});

describe("logs never carry a token", () => {
  it("a failed archive download (whose redirect URL holds a token) is logged without it", async () => {
    const changes: Record<string, string> = {};
    for (let i = 0; i < 6; i++) changes[`deploy/p${i}.yaml`] = policyYaml("shop", `p${i}`);
    const pr = pullRequest(changes);
    gh.fail("GET", /\/legacy\.tar\.gz\//, 404);
    // Completing the check fails too (and its retries), so the error also reaches Probot's own log.
    gh.fail("PATCH", /\/check-runs\//, 500, 3);
    await expect(opened(pr)).rejects.toThrow(
      `GitHub API error 404 on GET /repos/octo-org/shop/tarball/${pr.head}`,
    );
    expect(gh.requests.some((r) => r.query.token === "TOKEN")).toBe(true);
    const logged = JSON.stringify(app.logs);
    expect(logged).toContain(`/repos/octo-org/shop/tarball/${pr.head}`);
    expect(logged).not.toContain("TOKEN");
    expect(logged).not.toContain("token=");
    expect(app.logs.find((l) => l.message.startsWith("review failed"))?.fields.error).toEqual({
      type: "HttpError",
      message: "Not Found",
      status: 404,
      method: "GET",
      url: `https://api.github.com/repos/octo-org/shop/tarball/${pr.head}`,
    });
  });
});

async function waitUntil(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 5));
  expect(condition()).toBe(true);
}
