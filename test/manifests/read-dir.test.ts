import { mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { loadManifests } from "../../src/manifests/load.js";
import { readDirectory } from "../../src/manifests/read-dir.js";

describe("readDirectory", () => {
  let base: string;
  let root: string;

  beforeAll(async () => {
    base = await mkdtemp(join(tmpdir(), "netpol-read-dir-"));
    root = join(base, "repo");
    const files: Record<string, string> = {
      "b.yaml": "b",
      "a.yml": "a",
      "c.json": "{}",
      "README.md": "not a manifest",
      "values.yaml.tmpl": "not a manifest either",
      "UPPER.YAML": "kubectl compares extensions case-sensitively",
      "deploy/web.yaml": "web",
      "deploy/z/deep.yaml": "deep",
      ".github/workflows/ci.yaml": "hidden directory",
      "node_modules/pkg/x.yaml": "dependency",
      "big.yaml": "x".repeat(100),
      ".hidden-file.yaml": "a hidden file is still read",
    };
    for (const [path, content] of Object.entries(files)) {
      await mkdir(join(root, path, ".."), { recursive: true });
      await writeFile(join(root, path), content);
    }
    await writeFile(join(base, "outside.yaml"), "secret outside the repository");
    await mkdir(join(base, "outside-dir"));
    await writeFile(join(base, "outside-dir", "o.yaml"), "secret");
    await symlink(join(base, "outside.yaml"), join(root, "link.yaml"));
    await symlink(join(base, "outside-dir"), join(root, "linked-dir"));
  });

  afterAll(async () => {
    await rm(base, { recursive: true, force: true });
  });

  test("reads .yaml, .yml and .json files recursively, sorted by path, with '/' separators", async () => {
    const files = await readDirectory(root, { maxFileBytes: 50 });
    expect(files.map((f) => f.path)).toEqual([
      ".hidden-file.yaml",
      "a.yml",
      "b.yaml",
      "big.yaml",
      "c.json",
      "deploy/web.yaml",
      "deploy/z/deep.yaml",
    ]);
    expect(files.find((f) => f.path === "deploy/web.yaml")).toEqual({
      path: "deploy/web.yaml",
      size: 3,
      content: "web",
    });
  });

  test("skips hidden directories and node_modules", async () => {
    const paths = (await readDirectory(root)).map((f) => f.path);
    expect(paths.some((p) => p.startsWith(".github") || p.startsWith("node_modules"))).toBe(false);
  });

  test("never follows symbolic links, to files or to directories", async () => {
    const files = await readDirectory(root);
    expect(files.some((f) => f.path.startsWith("link") || f.content?.includes("secret"))).toBe(false);
  });

  test("a file larger than maxFileBytes is listed with its size and no content, and the loader reports it", async () => {
    const files = await readDirectory(root, { maxFileBytes: 50 });
    expect(files.find((f) => f.path === "big.yaml")).toEqual({ path: "big.yaml", size: 100, content: null });
    const tree = loadManifests(files, { maxFileBytes: 50 });
    expect(tree.diagnostics).toEqual([
      {
        rule: "invalid-manifest",
        severity: "error",
        file: "big.yaml",
        line: 1,
        message: "file is 100 bytes, larger than the 50 bytes limit; not read",
      },
    ]);
  });

  test("a single-file root gives one file named by its base name, whatever its extension", async () => {
    expect(await readDirectory(join(root, "deploy", "web.yaml"))).toEqual([
      { path: "web.yaml", size: 3, content: "web" },
    ]);
    expect((await readDirectory(join(root, "README.md")))[0]?.path).toBe("README.md");
  });

  test("a missing root throws an error that names it", async () => {
    const missing = join(base, "nope");
    await expect(readDirectory(missing)).rejects.toThrow(`${missing}: no such file or directory`);
  });
});
