import { describe, expect, test } from "vitest";
import { renderCheckRun } from "../../src/report/check-run.js";
import { markdownProblems, tables } from "./markdown-checks.js";
import { EXAMPLE_REVIEW, finding, review } from "./reviews.js";

describe("renderCheckRun", () => {
  const check = renderCheckRun(EXAMPLE_REVIEW);

  test("titles the run with the headline counts", () => {
    expect(check.title).toBe("6 paths opened, 3 closed, 4 findings");
  });

  test("summarises the compared revisions and the opened and closed paths", () => {
    expect(check.summary.split("\n")[0]).toBe(
      "Comparing `main` (`4b1d6e0`) → `nightly-reporting` (`9e8d7c6`): 6 paths opened, 3 closed · policies 25 → 26, workloads 7 → 8",
    );
    const [opened, closed] = tables(check.summary);
    expect(opened).toHaveLength(7);
    expect(closed).toHaveLength(4);
    expect(check.summary).toContain(
      "Findings: 4 introduced by this change (3 warnings, 1 notice); 3 pre-existing (2 warnings, 1 notice).",
    );
    expect(markdownProblems(check.summary)).toEqual([]);
  });

  test("lists introduced findings, most severe first, then pre-existing ones in the text", () => {
    const introducedAt = check.text.indexOf("### Findings introduced by this change (4)");
    const preexistingAt = check.text.indexOf("### Pre-existing findings (3)");
    expect(introducedAt).toBeGreaterThanOrEqual(0);
    expect(preexistingAt).toBeGreaterThan(introducedAt);
    const rules = [...check.text.matchAll(/^- \S+ \*\*\w+\*\* · `([\w-]+)`/gm)].map((m) => m[1]);
    expect(rules).toEqual([
      "missing-description",
      "service-port-not-pod-port",
      "selects-nothing",
      "ipblock-external",
      "broad-selector",
      "missing-description",
      "peer-matches-nothing",
    ]);
    expect(markdownProblems(check.text)).toEqual([]);
  });

  test("annotates only the findings the change introduced, on their manifest line", () => {
    expect(
      check.annotations.map(
        (a) => `${a.path}:${a.start_line}-${a.end_line} ${a.annotation_level} ${a.title}`,
      ),
    ).toEqual([
      "payments/policies.yaml:99-99 warning missing-description: NetworkPolicy payments/reporting-egress",
      "payments/policies.yaml:154-154 warning service-port-not-pod-port: NetworkPolicy payments/admin-api-ingress",
      "shop/policies.yaml:41-41 warning selects-nothing: NetworkPolicy shop/allow-from-ingress-nginx",
      "payments/policies.yaml:93-93 notice ipblock-external: NetworkPolicy payments/payments-api-egress",
    ]);
    expect(check.annotations[0]?.message).toBe(
      "No kubernetes.io/description or netpol-review/description annotation, and no comment right above it, says why this policy exists; reviewers cannot tell whether the traffic it allows or denies is intended.\n\n" +
        "Fix: Add a kubernetes.io/description annotation under metadata.annotations (or a comment right above the policy) saying what the policy is for and who relies on it.",
    );
  });

  test("maps error to failure, warning to warning and notice to notice", () => {
    const levels = renderCheckRun(
      review({
        findings: [
          finding("a", "notice", "a.yaml:1", undefined, "n"),
          finding("b", "error", "b.yaml:2", undefined, "e"),
          finding("c", "warning", "c.yaml:3", undefined, "w"),
        ],
      }),
    ).annotations.map((a) => [a.title, a.annotation_level]);
    expect(levels).toEqual([
      ["b", "failure"],
      ["c", "warning"],
      ["a", "notice"],
    ]);
  });

  test("annotates broken manifests even when the base was broken too", () => {
    const broken = renderCheckRun(
      review({
        findings: [
          finding("invalid-manifest", "error", "bad.yaml:4", undefined, "YAML syntax error", {
            introduced: false,
          }),
          finding("broad-selector", "warning", "ok.yaml:9", "NetworkPolicy a/b", "old news", {
            introduced: false,
          }),
        ],
      }),
    );
    expect(broken.annotations).toEqual([
      {
        path: "bad.yaml",
        start_line: 4,
        end_line: 4,
        annotation_level: "failure",
        title: "invalid-manifest",
        message: "YAML syntax error",
      },
    ]);
  });

  test("says plainly when nothing changed", () => {
    const quiet = renderCheckRun(review({}));
    expect(quiet.title).toBe("No paths opened or closed, 0 findings");
    expect(quiet.summary).toBe(
      "Comparing `main` (`4b1d6e0`) → `feature` (`9e8d7c6`): 0 paths opened, 0 closed · 25 policies, 7 workloads\n\n" +
        "No paths opened or closed and no findings introduced.",
    );
    expect(quiet.text).toBe("No findings.");
    expect(quiet.annotations).toEqual([]);
  });

  test("links locations when given a link builder", () => {
    const linked = renderCheckRun(EXAMPLE_REVIEW, {
      sourceLink: ({ file, line, side }) => `https://github.example/o/r/blob/${side}/${file}#L${line}`,
    });
    expect(linked.summary).toContain(
      "([`shop/policies.yaml:99`](https://github.example/o/r/blob/head/shop/policies.yaml#L99))",
    );
    expect(linked.summary).toContain(
      "([`payments/policies.yaml:113`](https://github.example/o/r/blob/base/payments/policies.yaml#L113) at base)",
    );
    expect(markdownProblems(linked.summary)).toEqual([]);
  });
});
