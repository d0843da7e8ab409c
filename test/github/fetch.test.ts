import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { gitBlobSha } from "../../src/github/fetch/git-blob-sha.js";
import { LruCache } from "../../src/github/fetch/lru-cache.js";
import { readTarball } from "../../src/github/fetch/tarball.js";
import { rightSideLines } from "../../src/github/publish/diff-lines.js";
import { unifiedPatch } from "./helpers/line-diff.js";
import { tarball } from "./helpers/tar.js";

describe("repository archive", () => {
  it("reads files under the archive's top directory, long paths included", () => {
    const long = `deploy/${"very-long-directory-name/".repeat(6)}policy.yaml`;
    const archive = tarball("octo-org-shop-1a2b3c4", {
      "a.yaml": "a: 1\n",
      [long]: "kind: X\n",
      "README.md": "# shop\n",
    });
    const files = readTarball(archive, (path) => path.endsWith(".yaml"), 1 << 20);
    expect(files.map((f) => [f.path, f.content.toString("utf8")])).toEqual([
      ["a.yaml", "a: 1\n"],
      [long, "kind: X\n"],
    ]);
  });

  it("refuses an archive that inflates past the limit", () => {
    const archive = tarball("top", { "big.yaml": "x".repeat(10_000) });
    expect(() => readTarball(archive, () => true, 4096)).toThrow();
  });

  it("an archive that is not gzip is an error", () => {
    expect(() => readTarball(Buffer.from("not gzip"), () => true, 1 << 20)).toThrow();
    expect(readTarball(gzipSync(Buffer.alloc(1024)), () => true, 1 << 20)).toEqual([]);
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
