import { gunzipSync } from "node:zlib";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { defaultEngine } from "../../src/github/default-engine.js";
import { appDependencies } from "../../src/github/dependencies.js";
import { pullRequestEvent } from "./helpers/events.js";
import { blobSha, FakeGitHub } from "./helpers/fake-github.js";
import { gitArchive } from "./helpers/git-archive.js";
import { deploymentYaml, policyYaml } from "./helpers/manifests.js";
import { interceptGitHub, resetNock } from "./helpers/nock-github.js";
import { type TestApp, testApp } from "./helpers/test-app.js";

// What the review analyses is exactly the git tree: never what an archive chose to show, and
// never silence about what it could not read. The real engine and renderers throughout.

let gh: FakeGitHub;
let app: TestApp;

beforeEach(async () => {
  gh = new FakeGitHub();
  interceptGitHub(gh);
  app = await testApp(appDependencies(defaultEngine, { completionRetryDelaysMs: [] }));
});

afterEach(() => {
  resetNock();
});

/** Enough workloads that the head's blobs are read from the archive (more than `maxBlobCalls`). */
function workloads(): Record<string, string> {
  const files: Record<string, string> = { "deploy/db.yaml": deploymentYaml("shop", "db", "db", 5432) };
  for (const name of ["web", "api", "cart", "search", "mail", "auth"])
    files[`deploy/${name}.yaml`] = deploymentYaml("shop", name);
  return files;
}

describe("a pull request cannot hide a manifest from the review", () => {
  it("a policy marked export-ignore in .gitattributes is fetched by SHA when the tree listing is truncated", async () => {
    const base = gh.commit(workloads());
    const policy = policyYaml("shop", "isolate-db", { described: true, from: "nothing" });
    const substituted = deploymentYaml("shop", "stamp").replace(
      "image: example/stamp:1",
      "image: example/stamp:$Format:%h$",
    );
    const headFiles = {
      ...workloads(),
      "deploy/isolate-db.yaml": policy,
      "deploy/stamp.yaml": substituted,
      ".gitattributes": "deploy/isolate-db.yaml export-ignore\ndeploy/stamp.yaml export-subst\n",
    };
    const head = gh.commit(headFiles);
    const prefix = `octo-org-shop-${head.slice(0, 7)}`;
    const archive = gitArchive(headFiles, prefix);
    // The archive really lacks the policy, and really rewrote the placeholder.
    const tar = gunzipSync(archive).toString("latin1");
    expect(tar).not.toContain(`${prefix}/deploy/isolate-db.yaml`);
    expect(tar).toContain(`${prefix}/deploy/stamp.yaml`);
    expect(tar).not.toContain("$Format:%h$");
    gh.archives.set(head, archive);
    gh.truncatedTrees.add(head);
    gh.pull({ number: 7, base: { ref: "main", sha: base }, head: { ref: "isolate", sha: head } });
    gh.configs.set("main", "failOn:\n  severity: warning\n");

    await app.receive("pull_request", pullRequestEvent({ headSha: head, baseSha: base }));

    const blobs = gh.requests
      .filter((r) => r.path.includes("/git/blobs/"))
      .map((r) => r.path.split("/").pop());
    expect(blobs.sort()).toEqual([blobSha(Buffer.from(policy)), blobSha(Buffer.from(substituted))].sort());
    expect(gh.calls()).toContain(`GET /repos/octo-org/shop/tarball/${head}`);
    const run = gh.checkRuns[0];
    // The new workload `stamp` opens paths; only the hidden policy can close any (it isolates
    // shop/db from every other workload).
    expect(run?.output?.title).toMatch(/ [1-9]\d* closed/);
    expect(gh.issueComments[0]?.body).toContain("isolate-db");
  });
});

describe("files the review cannot read are said, never silent", () => {
  const lfs =
    "version https://git-lfs.github.com/spec/v1\noid sha256:4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393\nsize 12345\n";

  it("a symbolic link, a Git LFS pointer, a submodule and an oversize file are unanalysed-file warnings in the check and the comment", async () => {
    const base = gh.commit(workloads());
    const head = gh.commit({
      ...workloads(),
      "deploy/big-policy.yaml": lfs,
      "deploy/huge.yaml": `# ${"x".repeat(6 * 1024 * 1024)}\n`,
    });
    gh.links.set(head, {
      symlinks: { "deploy/linked-policy.yaml": "../shared/policy.yaml" },
      submodules: { "deploy/vendor": "c".repeat(40) },
    });
    gh.pull({
      number: 7,
      base: { ref: "main", sha: base },
      head: { ref: "unreadable", sha: head },
      files: [
        { filename: "deploy/big-policy.yaml", status: "added" },
        { filename: "deploy/huge.yaml", status: "added" },
        { filename: "deploy/linked-policy.yaml", status: "added" },
        {
          filename: "deploy/vendor",
          status: "added",
          patch: `@@ -0,0 +1 @@\n+Subproject commit ${"c".repeat(40)}`,
        },
      ],
    });

    await app.receive("pull_request", pullRequestEvent({ headSha: head, baseSha: base }));

    const run = gh.checkRuns[0];
    expect(run?.output?.title).toBe("No paths opened or closed, 4 findings");
    const annotations = run?.annotations as {
      path: string;
      title: string;
      message: string;
      annotation_level: string;
    }[];
    expect(annotations.map((a) => [a.path, a.annotation_level, a.title.split(":")[0]])).toEqual([
      ["deploy/big-policy.yaml", "warning", "unanalysed-file"],
      ["deploy/huge.yaml", "warning", "unanalysed-file"],
      ["deploy/linked-policy.yaml", "warning", "unanalysed-file"],
      ["deploy/vendor", "warning", "unanalysed-file"],
    ]);
    expect(annotations[0]?.message).toContain("a Git LFS pointer (object sha256:4d7a214614ab)");
    expect(annotations[1]?.message).toContain("larger than the 5242880-byte limit");
    expect(annotations[2]?.message).toContain("a symbolic link");
    expect(annotations[3]?.message).toContain("a submodule (at commit ccccccc)");
    const comment = gh.issueComments[0]?.body ?? "";
    for (const path of ["big-policy.yaml", "huge.yaml", "linked-policy.yaml", "deploy/vendor"])
      expect(comment).toContain(path);
    // The oversize file's content was never downloaded.
    expect(
      gh.requests.some(
        (r) =>
          r.path.includes("/git/blobs/") &&
          r.path.endsWith(blobSha(Buffer.from(`# ${"x".repeat(6 * 1024 * 1024)}\n`))),
      ),
    ).toBe(false);
  });

  it("a change to an unreadable file is never 'no changes': the new version is a finding the change introduced", async () => {
    const before = lfs;
    const after = lfs.replace("4d7a2146", "99999999");
    const base = gh.commit({ ...workloads(), "deploy/big-policy.yaml": before });
    const head = gh.commit({ ...workloads(), "deploy/big-policy.yaml": after });
    gh.pull({ number: 7, base: { ref: "main", sha: base }, head: { ref: "lfs", sha: head } });
    await app.receive("pull_request", pullRequestEvent({ headSha: head, baseSha: base }));
    const run = gh.checkRuns[0];
    expect(run?.output?.title).toBe("No paths opened or closed, 1 finding");
    expect(run?.output?.summary).not.toContain("No paths opened or closed and no findings introduced");
    expect(gh.issueComments).toHaveLength(1);
  });

  it("a submodule bump where manifests may live is reviewed, not skipped as 'no manifest changes'", async () => {
    const base = gh.commit(workloads());
    gh.links.set(base, { submodules: { "deploy/vendor": "a".repeat(40) } });
    const head = gh.commit({ ...workloads(), "README.md": "bump\n" });
    gh.links.set(head, { submodules: { "deploy/vendor": "b".repeat(40) } });
    gh.pull({
      number: 7,
      base: { ref: "main", sha: base },
      head: { ref: "bump", sha: head },
      files: [
        {
          filename: "deploy/vendor",
          status: "modified",
          patch: `@@ -1 +1 @@\n-Subproject commit ${"a".repeat(40)}\n+Subproject commit ${"b".repeat(40)}`,
        },
      ],
    });
    await app.receive("pull_request", pullRequestEvent({ headSha: head, baseSha: base }));
    const run = gh.checkRuns[0];
    expect(run?.output?.title).toBe("No paths opened or closed, 1 finding");
    expect(run?.annotations).toEqual([
      expect.objectContaining({ path: "deploy/vendor", title: expect.stringContaining("unanalysed-file") }),
    ]);
  });
});
