import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { appDependencies } from "../../src/github/dependencies.js";
import { DEFAULT_FETCH_LIMITS } from "../../src/github/fetch/manifest-files.js";
import { pullRequestEvent } from "./helpers/events.js";
import { fakeEngine } from "./helpers/fake-engine.js";
import { FakeGitHub } from "./helpers/fake-github.js";
import { deploymentYaml, policyYaml } from "./helpers/manifests.js";
import { interceptGitHub, resetNock } from "./helpers/nock-github.js";
import { type TestApp, testApp } from "./helpers/test-app.js";

let gh: FakeGitHub;
let app: TestApp;

beforeEach(async () => {
  gh = new FakeGitHub();
  interceptGitHub(gh);
  // Authenticated as an app installation: the token exchange is among the counted requests.
  app = await testApp(appDependencies(fakeEngine()), { appAuth: true });
});

afterEach(() => {
  resetNock();
});

/** 1,000 manifest files: 20 namespaces × 25 apps, a Deployment and a described NetworkPolicy each. */
function largeRepository(): Record<string, string> {
  const files: Record<string, string> = { "README.md": "# platform\n" };
  for (let n = 0; n < 20; n++)
    for (let a = 0; a < 25; a++) {
      const ns = `team-${n}`;
      files[`clusters/prod/${ns}/app-${a}/deployment.yaml`] = deploymentYaml(ns, `app-${a}`);
      files[`clusters/prod/${ns}/app-${a}/policy.yaml`] = policyYaml(ns, `app-${a}`, {
        described: true,
        app: `app-${a}`,
        from: "gateway",
      });
    }
  return files;
}

const kind = (call: string) =>
  call
    .replace(/[0-9a-f]{40}(\.\.\.[0-9a-f]{40})?/g, "<sha>")
    .replace(/\/\d+\//g, "/<n>/")
    .replace(/\/\d+$/, "/<n>");

describe("API budget", () => {
  it("a cold review of a repository with 1,000 manifest files costs at most about 20 requests", async () => {
    const files = largeRepository();
    expect(Object.keys(files).filter((p) => p.endsWith(".yaml"))).toHaveLength(1000);
    const base = gh.commit(files);
    const head = gh.commit({
      ...files,
      "clusters/prod/team-3/app-4/policy.yaml": policyYaml("team-3", "app-4", {
        described: true,
        app: "app-4",
        from: "admin",
      }),
      "clusters/prod/team-7/app-1/policy.yaml": policyYaml("team-7", "app-1", {
        app: "app-1",
        from: "gateway",
        port: 8443,
      }),
      "clusters/prod/team-9/new/policy.yaml": policyYaml("team-9", "new", { app: "new" }),
    });
    gh.pull({ number: 7, base: { ref: "main", sha: base }, head: { ref: "tighten", sha: head } });

    await app.receive("pull_request", pullRequestEvent({ headSha: head, baseSha: base }));

    expect(gh.calls().map(kind)).toEqual([
      "POST /app/installations/<n>/access_tokens",
      "POST /repos/octo-org/shop/check-runs",
      "GET /repos/octo-org/shop/contents/.github/netpol-review.yml",
      "GET /repos/octo-org/shop/pulls/<n>/files",
      "GET /repos/octo-org/shop/compare/<sha>",
      "GET /repos/octo-org/shop/git/trees/<sha>",
      // 1,000 blobs not cached: one archive download (the API redirects to the archive host).
      "GET /repos/octo-org/shop/tarball/<sha>",
      "GET /octo-org/shop/legacy.tar.gz/<sha>",
      "GET /repos/octo-org/shop/git/trees/<sha>",
      // The merge base differs from the head by the two modified files: their old blobs.
      "GET /repos/octo-org/shop/git/blobs/<sha>",
      "GET /repos/octo-org/shop/git/blobs/<sha>",
      "GET /repos/octo-org/shop/issues/<n>/comments",
      // Right before each of the three writes: is the reviewed commit still the head?
      "GET /repos/octo-org/shop/pulls/<n>",
      "POST /repos/octo-org/shop/issues/<n>/comments",
      "GET /repos/octo-org/shop/pulls/<n>/comments",
      "GET /repos/octo-org/shop/pulls/<n>",
      "POST /repos/octo-org/shop/pulls/<n>/reviews",
      "GET /repos/octo-org/shop/pulls/<n>",
      "PATCH /repos/octo-org/shop/check-runs/<n>",
    ]);
    expect(gh.requests).toHaveLength(19);
    expect(gh.checkRuns[0]).toMatchObject({ status: "completed", conclusion: "failure" });
    expect(gh.checkRuns[0]?.output?.title).toBe("1 opened, 0 closed");

    // A push: one more file changes. Only its new blob is fetched; the merge base's tree is cached.
    const next = gh.commit({
      ...gh.commits.get(head),
      "clusters/prod/team-12/app-0/policy.yaml": policyYaml("team-12", "app-0", {
        described: true,
        app: "app-0",
        from: "batch",
      }),
    });
    gh.pr(7).head.sha = next;
    gh.requests.length = 0;
    await app.receive(
      "pull_request",
      pullRequestEvent({ action: "synchronize", headSha: next, baseSha: base }),
    );
    const calls = gh.calls().map(kind);
    expect(calls.filter((c) => c.includes("/git/") || c.includes("tar"))).toEqual([
      "GET /repos/octo-org/shop/git/trees/<sha>",
      "GET /repos/octo-org/shop/git/blobs/<sha>",
    ]);
    expect(gh.requests.find((r) => r.path.includes("/git/trees/"))?.path).toContain(next);
    expect(calls).not.toContain("POST /app/installations/<n>/access_tokens");
    expect(calls).toEqual([
      "POST /repos/octo-org/shop/check-runs",
      "GET /repos/octo-org/shop/contents/.github/netpol-review.yml",
      "GET /repos/octo-org/shop/pulls/<n>/files",
      "GET /repos/octo-org/shop/compare/<sha>",
      "GET /repos/octo-org/shop/git/trees/<sha>",
      "GET /repos/octo-org/shop/git/blobs/<sha>",
      "GET /repos/octo-org/shop/issues/<n>/comments",
      "GET /repos/octo-org/shop/pulls/<n>",
      "PATCH /repos/octo-org/shop/issues/comments/<n>",
      // The finding commented on the first push is not commented again: no new review, no head check.
      "GET /repos/octo-org/shop/pulls/<n>/comments",
      "GET /repos/octo-org/shop/pulls/<n>",
      "PATCH /repos/octo-org/shop/check-runs/<n>",
    ]);
  });

  it("a tree too large to list in one call is listed directory by directory, its blobs read from the archive", async () => {
    const files = largeRepository();
    const base = gh.commit(files);
    const head = gh.commit({
      ...files,
      "clusters/prod/team-9/new/policy.yaml": policyYaml("team-9", "new", { app: "new" }),
    });
    gh.truncatedTrees.add(head);
    gh.pull({ number: 7, base: { ref: "main", sha: base }, head: { ref: "tighten", sha: head } });
    await app.receive("pull_request", pullRequestEvent({ headSha: head, baseSha: base }));
    expect(
      gh
        .calls()
        .map(kind)
        .filter((c) => c.includes("/git/") || c.includes("tar")),
    ).toEqual([
      // Truncated; then the root alone, then its one directory `clusters` whole.
      "GET /repos/octo-org/shop/git/trees/<sha>",
      "GET /repos/octo-org/shop/git/trees/<sha>",
      "GET /repos/octo-org/shop/git/trees/<sha>",
      "GET /repos/octo-org/shop/tarball/<sha>",
      "GET /octo-org/shop/legacy.tar.gz/<sha>",
      // The merge base's tree lists fine, and its blobs are all in the cache by now.
      "GET /repos/octo-org/shop/git/trees/<sha>",
    ]);
    expect(gh.checkRuns[0]?.output?.title).toBe("1 opened, 0 closed");
    expect(gh.checkRuns[0]?.output?.summary).toContain(head);
  });

  it("listing a truncated tree enters only the directories manifests.include can match", async () => {
    const files = {
      ...largeRepository(),
      "docs/a/b/notes.yaml": "# not a manifest\n",
      "tools/ci.yaml": "# not a manifest\n",
    };
    const base = gh.commit(files);
    const head = gh.commit({
      ...files,
      "clusters/prod/team-9/new/policy.yaml": policyYaml("team-9", "new", { app: "new" }),
    });
    gh.truncatedTrees.add(head);
    gh.configs.set("main", "manifests:\n  include: ['clusters/prod/**/*.yaml']\n");
    gh.pull({ number: 7, base: { ref: "main", sha: base }, head: { ref: "tighten", sha: head } });
    const trees: string[] = [];
    gh.beforeAnswer = (r) => {
      if (r.path.includes("/git/trees/"))
        trees.push(`${r.path.split("/").pop()}${r.query.recursive ? " recursive" : ""}`);
    };
    await app.receive("pull_request", pullRequestEvent({ headSha: head, baseSha: base }));
    // The head: truncated, then its root alone, then `clusters` whole; never `docs` or `tools`.
    expect(trees.slice(0, 3)).toEqual([
      `${head} recursive`,
      head,
      expect.stringMatching(/^[0-9a-f]{40} recursive$/),
    ]);
    expect(trees).toHaveLength(4); // and the merge base's one complete listing
    expect(gh.checkRuns[0]?.output?.title).toBe("1 opened, 0 closed");
  });

  it("an archive whose manifests add up to more than the limit fails the check, saying what to do", async () => {
    resetNock();
    gh = new FakeGitHub();
    interceptGitHub(gh);
    app = await testApp(
      appDependencies(fakeEngine(), { limits: { ...DEFAULT_FETCH_LIMITS, maxArchiveKeptBytes: 64 * 1024 } }),
    );
    const files = largeRepository();
    const base = gh.commit(files);
    const head = gh.commit({
      ...files,
      "clusters/prod/team-9/new/policy.yaml": policyYaml("team-9", "new", { app: "new" }),
    });
    gh.truncatedTrees.add(head);
    gh.pull({ number: 7, base: { ref: "main", sha: base }, head: { ref: "tighten", sha: head } });
    await app.receive("pull_request", pullRequestEvent({ headSha: head, baseSha: base }));
    expect(gh.checkRuns[0]).toMatchObject({ status: "completed", conclusion: "failure" });
    expect(gh.checkRuns[0]?.output?.summary).toMatch(
      /^netpol-review stopped before it could publish a review: the manifests in the repository archive add up to more than 64 KB \(reading clusters\/prod\/[^)]+\); narrow manifests\.include in the configuration\./,
    );
  });
});
