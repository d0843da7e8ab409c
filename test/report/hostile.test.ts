// @vitest-environment jsdom
import { describe, expect, test } from "vitest";
import type { FlowExplanation, Reason } from "../../src/analysis/review/types.js";
import { PortSet } from "../../src/model/port-set.js";
import { renderCheckRun } from "../../src/report/check-run.js";
import { COMMENT_MARKER, renderComment } from "../../src/report/comment.js";
import { renderChangeExplanation, renderFlowExplanation } from "../../src/report/explain-markdown.js";
import { renderReviewText } from "../../src/report/review-text.js";
import { liveAutolinks, markdownProblems, mermaidBlocks, tables, visibleText } from "./markdown-checks.js";
import { parseFlowchart } from "./mermaid-parser.js";
import { cause, endpoint, finding, group, review, tcp } from "./reviews.js";

/** Everything a manifest author could try: pings, HTML, comment breakout, table breakout, Mermaid injection. */
const EVIL = [
  "@org/team @octocat",
  "`code` ``double``",
  "</details></summary>",
  "--> <!-- hidden",
  "<script>alert(1)</script> <img src=x onerror=alert(1)>",
  "| a | b |",
  "line\nbreak\r\n| --- |",
  'A-->B; click A call alert() "quoted" [box] (round) {curly}',
  "*bold* _it_ ~~gone~~ $x^2$ [link](javascript:alert(1)) #1",
  "back\\slash\\|pipe\\",
  "\u001b[31mred\u202e",
  "www.acme-sso-login.example https://acme-sso-login.example/login?next=/ ftp://files.example",
  "mailto:security@acme.example security@acme.example www.\u200dhidden.example",
].join(" ");

const ZWJ = /\u200d/g;
const hasControls = (text: string) => text.includes("\u001b") || text.includes("\u202e");
/** What a reader sees once the invisible joiners and flattened line breaks are accounted for. */
const seen = (text: string) => text.replace(ZWJ, "").replace(/\s+/g, " ");

/** Short enough to be shown whole, even in a graph node. */
const MERMAID_EVIL = 'A-->B; click A call alert() "q" [x]%%';
const evilSide = endpoint(`${EVIL} src`, "added");
const evilDst = endpoint(`${EVIL} dst`, "removed");
const evilCause = cause(
  "policy-changed",
  `NetworkPolicy ${EVIL}`,
  `evil|dir/${EVIL}.yaml:7`,
  `detail ${EVIL}`,
);

const HOSTILE = review({
  base: { label: `base ${EVIL}`, sha: "0123456789abcdef0123456789abcdef01234567" },
  head: { label: `head ${EVIL}` },
  opened: [
    group(evilSide, evilDst, tcp(80), [evilCause]),
    group(endpoint("shop/web[Deployment]"), evilDst, PortSet.ALL, [evilCause, evilCause]),
  ],
  closed: [
    group(evilDst, evilSide, tcp(443), [{ ...evilCause, side: "base" }]),
    group(endpoint(MERMAID_EVIL), endpoint('x"]; n0-->n1;\nclick n0 href "javascript:alert(1)"'), tcp(22), [
      evilCause,
    ]),
  ],
  findings: [
    finding(`rule ${EVIL}`, "error", `dir/${EVIL}.yaml:3`, `NetworkPolicy ${EVIL}`, `message ${EVIL}`, {
      fix: `fix ${EVIL}`,
    }),
    finding("invalid-manifest", "error", `dir/${EVIL}.yaml:1`, undefined, `broken ${EVIL}`, {
      introduced: false,
    }),
  ],
});

describe("a review made of hostile strings", () => {
  const comment = renderComment(HOSTILE);

  test("renders a comment with no foreign HTML, no live mention, balanced details and fences, intact tables", () => {
    // Parsed as GitHub does: only our own tags are HTML; `<script>` and friends are text or code.
    expect(markdownProblems(comment)).toEqual([]);
    expect(liveAutolinks(comment)).toEqual([]);
    // No invisible character of ours: the only joiners are the one the manifest wrote.
    expect(comment.replaceAll("www.\u200dhidden", "")).not.toContain("\u200d");
    expect(comment.startsWith(`${COMMENT_MARKER}\n`)).toBe(true);
    expect(comment.split(COMMENT_MARKER)).toHaveLength(2);
    expect(hasControls(comment)).toBe(false);
  });

  test("keeps one table row per group, with the header's column count", () => {
    const [opened, closed] = tables(comment);
    expect(opened).toHaveLength(1 + HOSTILE.opened.length);
    expect(closed).toHaveLength(1 + HOSTILE.closed.length);
    for (const row of [...(opened ?? []), ...(closed ?? [])]) expect(row).toHaveLength(4);
    expect(closed?.[2]?.[0]).toBe(MERMAID_EVIL);
  });

  test("shows the hostile values as text, unchanged apart from line breaks and length", () => {
    const text = seen(visibleText(comment));
    expect(text).toContain(seen(EVIL).slice(0, 150));
    expect(text).toContain(MERMAID_EVIL);
  });

  test("draws a Mermaid graph that the real parser accepts, with labels as plain text and nothing clickable", async () => {
    const [source] = mermaidBlocks(comment);
    const graph = await parseFlowchart(source as string);
    expect(graph.type).toBe("flowchart-v2");
    expect(graph.edges).toHaveLength(4);
    expect(graph.vertices.map((v) => v.id)).toEqual(["n0", "n1", "n2", "n3", "n4"]);
    expect(graph.vertices.some((v) => v.interactive)).toBe(false);
    expect(graph.vertices.map((v) => v.text)).toContain(MERMAID_EVIL);
    expect(graph.vertices.map((v) => v.text)).toContain('x"]; n0-->n1; click n0 href "javascript:alert(1)"');
    expect(source).not.toMatch(/<|"q"|`|%%|click n0 href "/);
  });

  test("renders a check run whose summary and text are as safe, and whose annotations ping nobody", () => {
    const check = renderCheckRun(HOSTILE);
    expect(markdownProblems(check.summary)).toEqual([]);
    expect(markdownProblems(check.text)).toEqual([]);
    expect(visibleText(check.text)).toContain("www.acme-sso-login.example");
    expect(check.title).not.toMatch(/@org/);
    expect(check.annotations).toHaveLength(2);
    for (const a of check.annotations) expect(`${a.title} ${a.message}`).not.toMatch(/@org|@octocat/);
    expect(check.annotations[0]?.title).not.toContain("\n");
  });

  test("renders the change explanation safely", () => {
    const explanation = renderChangeExplanation(HOSTILE);
    expect(markdownProblems(explanation)).toEqual([]);
  });

  test("renders a flow explanation safely, including the commenter's own query", () => {
    const reason = (effect: Reason["effect"]): Reason => ({
      direction: "ingress",
      effect,
      policy: effect === "not-isolated" ? null : `NetworkPolicy ${EVIL}`,
      rule: effect === "allows" ? 0 : null,
      file: effect === "not-isolated" ? null : `${EVIL}.yaml`,
      line: effect === "not-isolated" ? null : 4,
      detail: `detail ${EVIL}`,
    });
    const flow: FlowExplanation = {
      from: `${EVIL} from`,
      to: `${EVIL} to`,
      allowed: tcp(80),
      egress: {
        direction: "egress",
        isolated: false,
        allowed: PortSet.ALL,
        reasons: [reason("not-isolated")],
      },
      ingress: {
        direction: "ingress",
        isolated: true,
        allowed: tcp(80),
        reasons: [reason("allows"), reason("isolates")],
      },
    };
    const reply = renderFlowExplanation(
      { from: `@org/team ${EVIL}`, to: "`x`|y", port: "<b>80</b>" },
      flow,
      flow,
    );
    expect(markdownProblems(reply)).toEqual([]);
    const [table] = tables(reply);
    for (const row of table ?? []) expect(row).toHaveLength(3);
  });

  test("prints terminal text with no escape sequences and one line per item", () => {
    const text = renderReviewText(HOSTILE);
    expect(hasControls(text)).toBe(false);
    const groupLines = text.split("\n").filter((line) => /^ {2}[+-] /.test(line));
    expect(groupLines).toHaveLength(4);
  });
});
