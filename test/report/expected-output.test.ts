import { readFileSync } from "node:fs";
import { describe, expect, test } from "vitest";
import { renderCheckRun } from "../../src/report/check-run.js";
import { renderComment } from "../../src/report/comment.js";
import { renderChangeExplanation, renderFlowExplanation } from "../../src/report/explain-markdown.js";
import { renderReviewText } from "../../src/report/review-text.js";
import { FRONTEND_AT_BASE, FRONTEND_AT_HEAD, REPORTING_AT_HEAD } from "./flows.js";
import { markdownProblems } from "./markdown-checks.js";
import { EXAMPLE_REVIEW, finding, NAMESPACE_REVIEW, review } from "./reviews.js";

/**
 * The product's face, compared with files reviewed by eye in test/fixtures/report/. A change to
 * the wording or layout shows up here as a readable diff; update the file deliberately.
 */
const expected = (name: string) =>
  readFileSync(new URL(`../fixtures/report/${name}`, import.meta.url), "utf8");

const renders: Record<string, () => string> = {
  "example-comment.md": () => renderComment(EXAMPLE_REVIEW),
  "example-check-summary.md": () => renderCheckRun(EXAMPLE_REVIEW).summary,
  "example-check-text.md": () => renderCheckRun(EXAMPLE_REVIEW).text,
  "example-explain.md": () => renderChangeExplanation(EXAMPLE_REVIEW),
  "example-review.txt": () => renderReviewText(EXAMPLE_REVIEW),
  "flow-frontend.md": () =>
    renderFlowExplanation(
      { from: "ingress-nginx", to: "shop/frontend", port: "3000" },
      FRONTEND_AT_BASE,
      FRONTEND_AT_HEAD,
    ),
  "flow-reporting.md": () =>
    renderFlowExplanation(
      { from: "payments/reporting", to: "data/postgres", port: "5432/TCP" },
      null,
      REPORTING_AT_HEAD,
    ),
  "namespace-comment.md": () => renderComment(NAMESPACE_REVIEW),
  "quiet-comment.md": () =>
    renderComment(
      review({
        findings: [
          finding(
            "broad-selector",
            "warning",
            "shop/policies.yaml:130",
            "NetworkPolicy shop/allow-prometheus-scrape",
            "m",
            {
              introduced: false,
            },
          ),
        ],
      }),
    ),
};

describe("rendered reports match the reviewed files in test/fixtures/report", () => {
  for (const [file, render] of Object.entries(renders)) {
    test(file, () => {
      const output = render();
      expect(`${output}\n`).toBe(expected(file));
      if (file.endsWith(".md")) expect(markdownProblems(output)).toEqual([]);
    });
  }
});
