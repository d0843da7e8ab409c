import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { expect, it } from "vitest";
import { buildReview } from "../../src/analysis/review/build.js";
import { loadManifests } from "../../src/manifests/load.js";
import { readDirectory } from "../../src/manifests/read-dir.js";
import { renderComment } from "../../src/report/comment.js";
import { markdownProblems } from "./markdown-checks.js";

const root = resolve(import.meta.dirname, "../..");

/**
 * The whole pipeline on the bundled example, manifests to comment, against a file reviewed by
 * eye (test/fixtures/report/examples-pipeline-comment.md). It is also what `npm run demo` prints.
 */
it("the comment on examples/before -> examples/after is the reviewed one", async () => {
  const review = buildReview({
    base: loadManifests(await readDirectory(`${root}/examples/before`)),
    head: loadManifests(await readDirectory(`${root}/examples/after`)),
    baseRevision: { label: "examples/before" },
    headRevision: { label: "examples/after" },
  });
  const comment = renderComment(review);
  expect(markdownProblems(comment)).toEqual([]);
  expect(`${comment}\n`).toBe(
    readFileSync(`${root}/test/fixtures/report/examples-pipeline-comment.md`, "utf8"),
  );
});
