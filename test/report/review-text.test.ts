import { describe, expect, test } from "vitest";
import { renderReviewText } from "../../src/report/review-text.js";
import { cause, EXAMPLE_REVIEW, endpoint, finding, group, review, tcp } from "./reviews.js";

describe("renderReviewText", () => {
  const text = renderReviewText(EXAMPLE_REVIEW);

  test("leads with the headline and the compared revisions", () => {
    expect(text.split("\n").slice(0, 2)).toEqual([
      "netpol-review: 6 paths opened, 3 closed, 4 findings",
      "main (4b1d6e0) -> nightly-reporting (9e8d7c6): 6 paths opened, 3 closed; policies 25 → 26, workloads 7 → 8",
    ]);
  });

  test("prints one +/- line per group with every cause indented below", () => {
    expect(text).toContain(
      "  - ops/bastion[Deployment] => payments/admin-api[Deployment] : TCP 8443\n" +
        "      because NetworkPolicy payments/admin-api-ingress: ingress rule 1 no longer allows this traffic (payments/policies.yaml:113, at base)\n",
    );
  });

  test("prints introduced findings compiler-style, with the fix", () => {
    expect(text).toContain(
      "  shop/policies.yaml:41: warning: podSelector tier=web matches no workload in namespace shop, so the policy applies to no pod and its rules do nothing; did you mean tier=api or tier=frontend? (NetworkPolicy shop/allow-from-ingress-nginx) [selects-nothing]\n",
    );
  });

  test("is complete: a terminal has no size limit", () => {
    const opened = Array.from({ length: 500 }, (_, i) =>
      group(endpoint(`a/x${i}`), endpoint("b/y"), tcp(80), [
        cause("policy-added", "NetworkPolicy b/p", "b.yaml:1", "new"),
      ]),
    );
    expect(renderReviewText(review({ opened })).match(/^ {2}\+ /gm)).toHaveLength(500);
  });

  test("says so in one line when nothing changed", () => {
    expect(renderReviewText(review({ head: { label: "examples/after" } }))).toBe(
      "netpol-review: no paths opened or closed and no findings introduced (main (4b1d6e0) -> examples/after).",
    );
    const old = finding("r", "notice", "a.yaml:1", undefined, "m", { introduced: false });
    expect(renderReviewText(review({ findings: [old] }))).toMatch(
      /\. 1 pre-existing finding \(1 notice\) is not caused by this change\.$/,
    );
  });
});
