import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { gitBlobSha } from "../../src/github/fetch/git-blob-sha.js";
import { readTarball } from "../../src/github/fetch/tarball.js";
import { rightSideLines } from "../../src/github/publish/diff-lines.js";
import { LruCache } from "../../src/manifests/lru-cache.js";
import { unifiedPatch } from "./helpers/line-diff.js";
import { tarball } from "./helpers/tar.js";

const LIMITS = { maxEntryBytes: 1 << 20, maxKeptBytes: 1 << 20 };

/** The archive in chunks of `size` bytes, as a download arrives. */
async function* chunked(archive: Buffer, size: number): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < archive.length; i += size) yield archive.subarray(i, i + size);
}

describe("repository archive", () => {
  it("reads files under the archive's top directory, long paths included", async () => {
    const long = `deploy/${"very-long-directory-name/".repeat(6)}policy.yaml`;
    const archive = tarball("octo-org-shop-1a2b3c4", {
      "a.yaml": "a: 1\n",
      [long]: "kind: X\n",
      "README.md": "# shop\n",
    });
    const files = await readTarball(archive, (path) => path.endsWith(".yaml"), LIMITS);
    expect(files.map((f) => [f.path, f.content?.toString("utf8")])).toEqual([
      ["a.yaml", "a: 1\n"],
      [long, "kind: X\n"],
    ]);
  });

  it("reads the gzip'd archive as it streams in, chunk by chunk", async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 200; i++)
      files[`deploy/p${i}.yaml`] = `kind: X\nname: p${i}\n${"#".repeat(i * 10)}\n`;
    const archive = tarball("top", files);
    const read = await readTarball(chunked(archive, 97), () => true, LIMITS);
    expect(read).toHaveLength(200);
    expect(read.find((f) => f.path === "deploy/p150.yaml")?.content?.toString("utf8")).toBe(
      files["deploy/p150.yaml"],
    );
  });

  it("bounds what it keeps, not the archive: unwanted entries stream past", async () => {
    // 4 MB of other files, a few bytes of manifest: fine under a 1 KB limit on what is kept.
    const archive = tarball("top", {
      "assets/big.bin": Buffer.alloc(4 << 20, 7),
      "deploy/p.yaml": "kind: X\n",
    });
    const read = await readTarball(archive, (path) => path.endsWith(".yaml"), {
      maxEntryBytes: 1024,
      maxKeptBytes: 1024,
    });
    expect(read.map((f) => f.path)).toEqual(["deploy/p.yaml"]);
  });

  it("fails, saying why, when the wanted files add up to more than the limit", async () => {
    const archive = tarball("top", { "a.yaml": "x".repeat(3000), "b.yaml": "y".repeat(3000) });
    await expect(
      readTarball(archive, () => true, { maxEntryBytes: 4096, maxKeptBytes: 4096 }),
    ).rejects.toThrow(
      "the manifests in the repository archive add up to more than 4 KB (reading b.yaml); narrow manifests.include in the configuration",
    );
  });

  it("lists a file over the per-file limit with its size, without reading it", async () => {
    const archive = tarball("top", { "big.yaml": "x".repeat(10_000), "small.yaml": "a: 1\n" });
    const read = await readTarball(archive, () => true, { maxEntryBytes: 4096, maxKeptBytes: 8192 });
    expect(read.map((f) => [f.path, f.size, f.content?.toString("utf8") ?? null])).toEqual([
      ["big.yaml", 10_000, null],
      ["small.yaml", 5, "a: 1\n"],
    ]);
  });

  it("an archive that is not gzip, or a damaged one, is an error; an empty one holds no file", async () => {
    await expect(readTarball(Buffer.from("not gzip"), () => true, LIMITS)).rejects.toThrow(
      "the repository archive is not a gzip'd tar file",
    );
    const damaged = tarball("top", { "a.yaml": "a: 1\n".repeat(1000) }).subarray(0, 60);
    await expect(readTarball(damaged, () => true, LIMITS)).rejects.toThrow(
      "cannot read the repository archive: zlib: unexpected end of file",
    );
    expect(await readTarball(gzipSync(Buffer.alloc(1024)), () => true, LIMITS)).toEqual([]);
  });

  it("blob SHAs are git's", () => {
    // `printf 'hello\n' | git hash-object --stdin`
    expect(gitBlobSha(Buffer.from("hello\n"))).toBe("ce013625030ba8dba906f756967f9e9ca394464a");
  });
});

describe("LRU cache", () => {
  it("evicts the least recently used entries beyond its weight", () => {
    const cache = new LruCache<string, string>(10, (v) => v.length);
    cache.set("a", "aaaa");
    cache.set("b", "bbbb");
    expect(cache.get("a")).toBe("aaaa"); // a is now the most recent
    cache.set("c", "cccc");
    expect([cache.has("a"), cache.has("b"), cache.has("c")]).toEqual([true, false, true]);
    expect(cache.weight).toBe(8);
    cache.set("huge", "x".repeat(11));
    expect(cache.has("huge")).toBe(false);
    expect(cache.size).toBe(2);
  });
});

describe("diff lines", () => {
  it("lists the head-side lines of each hunk: added and context, not removed", () => {
    const before = ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m"].join("\n");
    const after = ["a", "b", "c", "d", "E", "f", "g", "h", "i", "j", "k", "l", "m", "n"].join("\n");
    const patch = unifiedPatch(`${before}\n`, `${after}\n`);
    expect(patch).toMatchInlineSnapshot(`
      "@@ -2,7 +2,7 @@
       b
       c
       d
      -e
      +E
       f
       g
       h
      @@ -11,3 +11,4 @@
       k
       l
       m
      +n"
    `);
    expect([...rightSideLines(patch)]).toEqual([2, 3, 4, 5, 6, 7, 8, 11, 12, 13, 14]);
  });

  it("a new file is all lines; a deleted file none", () => {
    expect([...rightSideLines("@@ -0,0 +1,3 @@\n+a\n+b\n+c")]).toEqual([1, 2, 3]);
    expect([...rightSideLines("@@ -1,2 +0,0 @@\n-a\n-b")]).toEqual([]);
    expect([...rightSideLines("@@ -1 +1 @@\n-a\n\\ No newline at end of file\n+b")]).toEqual([1]);
  });
});
