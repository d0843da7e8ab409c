// @vitest-environment jsdom
import { describe, expect, test } from "vitest";
import type { PathGroup, ReviewFinding } from "../../src/analysis/review/types.js";
import { PortSet } from "../../src/model/port-set.js";
import { measure } from "../../src/report/budget.js";
import { CHECK_OUTPUT_LIMIT, MAX_ANNOTATIONS, renderCheckRun } from "../../src/report/check-run.js";
import { COMMENT_LIMIT, renderComment } from "../../src/report/comment.js";
import { REPLY_LIMIT, renderChangeExplanation } from "../../src/report/explain-markdown.js";
import { markdownProblems, mermaidBlocks, tables } from "./markdown-checks.js";
import { parseFlowchart } from "./mermaid-parser.js";
import { cause, endpoint, finding, group, review, tcp } from "./reviews.js";

function openedGroups(n: number): PathGroup[] {
  return Array.from({ length: n }, (_, i) =>
    group(
      endpoint(`team-${i % 97}/client-${i}[Deployment]`),
      endpoint(`data-${i % 13}/db-${i}[StatefulSet]`, i % 5 === 0 ? "added" : undefined),
      tcp(1024 + (i % 4000)),
      [
        cause(
          "policy-changed",
          `NetworkPolicy data-${i % 13}/db-ingress`,
          `data-${i % 13}/policies.yaml:${10 + i}`,
          "ingress rule 1 now allows this traffic",
        ),
      ],
    ),
  );
}

function findings(n: number, introduced: boolean): ReviewFinding[] {
  return Array.from({ length: n }, (_, i) =>
    finding(
      "missing-description",
      (["error", "warning", "notice"] as const)[i % 3] ?? "notice",
      `ns-${i}/policies.yaml:${i + 1}`,
      `NetworkPolicy ns-${i}/policy-${i}`,
      "No kubernetes.io/description annotation says why this policy exists.",
      { fix: "Add a kubernetes.io/description annotation.", introduced },
    ),
  );
}

/** 20,000 opened groups, 5,000 closed, thousands of findings. */
const HUGE = review({
  opened: openedGroups(20_000),
  closed: openedGroups(5_000),
  findings: [...findings(3_000, true), ...findings(2_000, false)],
});

/** Few rows, each as large as a manifest can make it. */
const giant = "x".repeat(100_000);
const GIANT_ROWS = review({
  base: { label: giant, sha: giant },
  head: { label: giant },
  opened: Array.from({ length: 30 }, () =>
    group(
      endpoint(`&${giant}`),
      endpoint(`|${giant}`),
      PortSet.fromRanges(
        Array.from({ length: 500 }, (_, i) => ({ protocol: "TCP" as const, from: 2 * i + 1, to: 2 * i + 1 })),
      ),
      Array.from({ length: 50 }, () => cause("policy-changed", `<${giant}`, `${giant}.yaml:1`, `@${giant}`)),
    ),
  ),
  findings: Array.from({ length: 30 }, () =>
    finding(giant, "error", `${giant}.yaml:1`, giant, `<${giant}`, { fix: `&${giant}` }),
  ),
});

describe("a comment for a very large change", () => {
  const comment = renderComment(HUGE);

  test("stays under 65,536 characters (counted as UTF-8 bytes, which is stricter)", () => {
    expect(comment.length).toBeLessThanOrEqual(COMMENT_LIMIT);
    expect(measure(comment)).toBeLessThanOrEqual(COMMENT_LIMIT);
  });

  test("is valid Markdown: balanced <details>, closed fences, full table rows", () => {
    expect(markdownProblems(comment)).toEqual([]);
  });

  test("keeps the first rows of each table and says how many more there are", () => {
    const [opened, closed] = tables(comment);
    const last = opened?.at(-1)?.[0] ?? "";
    expect(last).toMatch(/^… and [\d,]+ more opened paths \(see the check run or netpol-review diff\)$/);
    const shown = (opened?.length ?? 0) - 2;
    expect(last).toContain(`${(20_000 - shown).toLocaleString("en-US")} more`);
    expect(opened?.[1]?.[0]).toBe("team-0/client-0[Deployment]");
    expect(closed?.at(-1)?.[0]).toMatch(/more closed paths/);
    expect(comment).toContain("### netpol-review: 20,000 paths opened, 5,000 closed, 3,000 findings");
  });

  test("drops the graph before it shortens the tables", () => {
    const rows = (tables(comment)[0]?.length ?? 0) - 2;
    if (rows < 100) expect(mermaidBlocks(comment)).toEqual([]);
  });

  test("any graph it keeps has at most 50 edges and parses", async () => {
    for (const source of mermaidBlocks(comment)) {
      const graph = await parseFlowchart(source);
      expect(graph.edges.length).toBeLessThanOrEqual(50);
    }
  });
});

describe("a change whose every value is enormous", () => {
  test("still renders a valid comment within the limit", () => {
    const comment = renderComment(GIANT_ROWS);
    expect(measure(comment)).toBeLessThanOrEqual(COMMENT_LIMIT);
    expect(markdownProblems(comment)).toEqual([]);
    expect(comment).toContain("### netpol-review: 30 paths opened, 0 closed, 30 findings");
  });

  test("still renders check-run output within the limits", () => {
    const check = renderCheckRun(GIANT_ROWS);
    expect(measure(check.summary)).toBeLessThanOrEqual(CHECK_OUTPUT_LIMIT);
    expect(measure(check.text)).toBeLessThanOrEqual(CHECK_OUTPUT_LIMIT);
    expect(markdownProblems(check.summary)).toEqual([]);
    expect(markdownProblems(check.text)).toEqual([]);
    for (const a of check.annotations) {
      expect(a.title.length).toBeLessThanOrEqual(255);
      expect(a.message.length).toBeLessThanOrEqual(4_000);
    }
  });

  test("still renders a change explanation within the reply limit", () => {
    const reply = renderChangeExplanation(GIANT_ROWS);
    expect(measure(reply)).toBeLessThanOrEqual(REPLY_LIMIT);
    expect(markdownProblems(reply)).toEqual([]);
  });
});

describe("check-run output for a very large change", () => {
  const check = renderCheckRun(HUGE);

  test("keeps summary and text within 65,535 characters each, as valid Markdown", () => {
    for (const part of [check.summary, check.text]) {
      expect(measure(part)).toBeLessThanOrEqual(CHECK_OUTPUT_LIMIT);
      expect(markdownProblems(part)).toEqual([]);
    }
    expect(tables(check.summary)[0]?.at(-1)?.[0]).toMatch(
      /more opened paths \(run netpol-review diff for all of them\)$/,
    );
    expect(check.text).toMatch(/more findings \(run `netpol-review lint` for all of them\)/);
  });

  test("annotates at most 200 findings, the most severe first, and says so", () => {
    expect(check.annotations).toHaveLength(MAX_ANNOTATIONS);
    expect(check.annotations.every((a) => a.annotation_level === "failure")).toBe(true);
    expect(check.text).toContain("200 of 3,000 annotatable findings are annotated on the manifests.");
  });
});

describe("a long change explanation", () => {
  test("summarises within the reply limit, leaving room for the quoted command", () => {
    const reply = renderChangeExplanation(HUGE);
    expect(REPLY_LIMIT).toBeLessThan(COMMENT_LIMIT);
    expect(measure(reply)).toBeLessThanOrEqual(REPLY_LIMIT);
    expect(markdownProblems(reply)).toEqual([]);
    expect(reply).toMatch(/… and [\d,]+ more opened paths: run `netpol-review diff` for all of them\./);
  });

  test("fits a smaller limit when the caller needs room for several answers", () => {
    const reply = renderChangeExplanation(HUGE, { limit: 10_000 });
    expect(measure(reply)).toBeLessThanOrEqual(10_000);
    expect(markdownProblems(reply)).toEqual([]);
  });
});
