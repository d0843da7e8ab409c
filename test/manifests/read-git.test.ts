import { execFileSync } from "node:child_process";
import { mkdir, mkdtemp, rm, symlink, unlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { isGitRef, readGitTree } from "../../src/manifests/read-git.js";

describe("reading manifests from a git ref", () => {
  let base: string;
  let repo: string;
  let firstCommit: string;

  const git = (...args: string[]): string =>
    execFileSync(
      "git",
      ["-c", "user.name=Test", "-c", "user.email=test@example.com", "-c", "commit.gpgsign=false", ...args],
      { cwd: repo, encoding: "utf8" },
    ).trim();

  const write = async (path: string, content: string): Promise<void> => {
    await mkdir(join(repo, path, ".."), { recursive: true });
    await writeFile(join(repo, path), content);
  };

  beforeAll(async () => {
    base = await mkdtemp(join(tmpdir(), "netpol-read-git-"));
    repo = join(base, "repo");
    await mkdir(repo);
    git("init", "--quiet", "--initial-branch=main");
    await write("root.yaml", "root: 1\n");
    await write("notes.txt", "not a manifest\n");
    await write("deploy/web.yaml", "version: 1\n");
    await write("deploy/nested/db.yml", "db: 1\n");
    await write("deploy/big.json", `{"padding": "${"x".repeat(85)}"}\n`);
    await symlink("../root.yaml", join(repo, "deploy", "link.yaml"));
    git("add", "-A");
    git("commit", "--quiet", "-m", "first");
    git("tag", "v1");
    firstCommit = git("rev-parse", "HEAD");
    await write("deploy/web.yaml", "version: 2\n");
    await unlink(join(repo, "root.yaml"));
    git("add", "-A");
    git("commit", "--quiet", "-m", "second");
    // Uncommitted: reading a ref must not see it.
    await write("deploy/web.yaml", "version: 3 (working tree)\n");
  });

  afterAll(async () => {
    await rm(base, { recursive: true, force: true });
  });

  test("reads the manifests at a ref without checking it out, skipping symlinks and other files", async () => {
    const files = await readGitTree("v1", repo);
    expect(files.map((f) => f.path)).toEqual([
      "deploy/big.json",
      "deploy/nested/db.yml",
      "deploy/web.yaml",
      "root.yaml",
    ]);
    expect(files.find((f) => f.path === "deploy/web.yaml")).toEqual({
      path: "deploy/web.yaml",
      size: 11,
      content: "version: 1\n",
    });
  });

  test("in a subdirectory, only its subtree is read, with paths relative to it", async () => {
    const files = await readGitTree("HEAD", join(repo, "deploy"));
    expect(files.map((f) => [f.path, f.content])).toEqual([
      ["big.json", `{"padding": "${"x".repeat(85)}"}\n`],
      ["nested/db.yml", "db: 1\n"],
      ["web.yaml", "version: 2\n"],
    ]);
  });

  test("a blob larger than maxFileBytes is listed with its size and no content", async () => {
    const files = await readGitTree(firstCommit, repo, { maxFileBytes: 50 });
    // `{"padding": "` is 13 bytes, then 85 x, then `"}` and a newline: 101 bytes.
    expect(files.find((f) => f.path === "deploy/big.json")).toEqual({
      path: "deploy/big.json",
      size: 101,
      content: null,
    });
    expect(files.find((f) => f.path === "root.yaml")?.content).toBe("root: 1\n");
  });

  test("isGitRef accepts branches, tags and commit ids", async () => {
    expect(await isGitRef("main", repo)).toBe(true);
    expect(await isGitRef("v1", repo)).toBe(true);
    expect(await isGitRef(firstCommit, repo)).toBe(true);
    expect(await isGitRef("HEAD~1", repo)).toBe(true);
  });

  test("isGitRef refuses unknown names, non-commits, option-like refs, and directories outside a repository", async () => {
    expect(await isGitRef("no-such-branch", repo)).toBe(false);
    expect(await isGitRef("HEAD:deploy/web.yaml", repo)).toBe(false);
    expect(await isGitRef("--help", repo)).toBe(false);
    expect(await isGitRef("", repo)).toBe(false);
    const outside = await mkdtemp(join(tmpdir(), "netpol-not-a-repo-"));
    try {
      expect(await isGitRef("HEAD", outside)).toBe(false);
    } finally {
      await rm(outside, { recursive: true, force: true });
    }
  });

  test("readGitTree refuses a ref that starts with '-' and reports an unknown ref", async () => {
    await expect(readGitTree("--output=/tmp/x", repo)).rejects.toThrow("not a git ref");
    await expect(readGitTree("no-such-branch", repo)).rejects.toThrow(
      "no-such-branch: cannot list the files",
    );
  });
});
