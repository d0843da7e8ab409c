import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { expect, it } from "vitest";
import { DEFAULT_CONFIG } from "../../src/config/schema.js";
import { renderScopedComment } from "../../src/report/scoped-comment.js";
import { reviewScopes } from "../../src/scopes/review-scopes.js";
import { exampleFiles } from "../helpers/example-trees.js";
import { markdownProblems } from "./markdown-checks.js";

const root = resolve(import.meta.dirname, "../..");

/**
 * The whole pipeline on the bundled example, manifests to comment, scope by scope, against a file
 * reviewed by eye (test/fixtures/report/examples-pipeline-comment.md). It is also what
 * `npm run demo` prints.
 */
it("the comment on examples/before -> examples/after is the reviewed one", async () => {
  const review = reviewScopes({
    base: await exampleFiles("before"),
    head: await exampleFiles("after"),
    baseRevision: { label: "examples/before" },
    headRevision: { label: "examples/after" },
    config: DEFAULT_CONFIG,
  });
  const comment = renderScopedComment(review);
  expect(markdownProblems(comment)).toEqual([]);
  expect(`${comment}\n`).toBe(
    readFileSync(`${root}/test/fixtures/report/examples-pipeline-comment.md`, "utf8"),
  );
});
