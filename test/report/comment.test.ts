// @vitest-environment jsdom
import { describe, expect, test } from "vitest";
import { COMMENT_LIMIT, COMMENT_MARKER, renderComment } from "../../src/report/comment.js";
import { markdownProblems, mermaidBlocks, tables } from "./markdown-checks.js";
import { parseFlowchart } from "./mermaid-parser.js";
import { cause, EXAMPLE_REVIEW, endpoint, finding, group, namespaceSide, review, tcp } from "./reviews.js";

const why = [
  cause("policy-changed", "NetworkPolicy a/p", "a/policies.yaml:4", "ingress rule 1 now allows this traffic"),
];

describe("renderComment", () => {
  const comment = renderComment(EXAMPLE_REVIEW);
  const lines = comment.split("\n");

  test("starts with the hidden marker, then the headline counts and the compared revisions", () => {
    expect(COMMENT_MARKER).toBe("<!-- netpol-review -->");
    expect(COMMENT_LIMIT).toBe(65_536);
    expect(lines.slice(0, 4)).toEqual([
      "<!-- netpol-review -->",
      "### netpol-review: 6 paths opened, 3 closed, 4 findings",
      "",
      "Comparing `main` (`4b1d6e0`) → `nightly-reporting` (`9e8d7c6`): 6 paths opened, 3 closed · policies 25 → 26, workloads 7 → 8",
    ]);
  });

  test("has a table of opened and one of closed groups with their causes", () => {
    const [opened, closed] = tables(comment);
    expect(opened?.[0]).toEqual(["Source", "Destination", "Ports", "Cause"]);
    expect(opened?.[3]).toEqual([
      "payments/reporting[CronJob] (new)",
      "data/postgres[StatefulSet]",
      "TCP 5432",
      "CronJob payments/reporting: new workload (payments/reporting.yaml:1)<br>" +
        "NetworkPolicy payments/reporting-egress: new policy; its egress rule 1 allows this traffic (payments/policies.yaml:111)<br>" +
        "NetworkPolicy data/postgres-ingress: ingress rule 1 now allows this traffic (data/policies.yaml:55)",
    ]);
    expect(closed?.[2]).toEqual([
      "ops/bastion[Deployment]",
      "payments/admin-api[Deployment]",
      "TCP 8443",
      "NetworkPolicy payments/admin-api-ingress: ingress rule 1 no longer allows this traffic (payments/policies.yaml:113 at base)",
    ]);
  });

  test("lists the introduced findings most severe first, and summarises pre-existing ones in one line", () => {
    expect(comment).toContain("#### Findings introduced by this change (4)");
    const items = lines.filter((l) => l.startsWith("- "));
    expect(items.map((l) => l.slice(0, l.indexOf("<br>")))).toEqual([
      "- ⚠️ **warning** · `missing-description` · NetworkPolicy payments/reporting-egress · `payments/policies.yaml:99`",
      "- ⚠️ **warning** · `service-port-not-pod-port` · NetworkPolicy payments/admin-api-ingress · `payments/policies.yaml:154`",
      "- ⚠️ **warning** · `selects-nothing` · NetworkPolicy shop/allow-from-ingress-nginx · `shop/policies.yaml:41`",
      "- ℹ️ **notice** · `ipblock-external` · NetworkPolicy payments/payments-api-egress · `payments/policies.yaml:93`",
    ]);
    expect(lines).toContain(
      "ℹ️ 3 pre-existing findings (2 warnings, 1 notice) are not caused by this change (see the check run or `netpol-review lint`).",
    );
    expect(comment).not.toContain("shop/allow-frontend-egress");
  });

  test("marks an error finding with its icon and shows its fix", () => {
    const withError = renderComment(
      review({
        findings: [
          finding("duplicate-policy", "error", "a.yaml:3", "NetworkPolicy a/b", "Defined twice.", {
            fix: "Remove one.",
          }),
        ],
      }),
    );
    expect(withError).toContain(
      "- ❌ **error** · `duplicate-policy` · NetworkPolicy a/b · `a.yaml:3`<br>Defined twice.<br>**Fix:** Remove one.",
    );
    expect(withError).toContain("### netpol-review: No paths opened or closed, 1 finding");
  });

  test("keeps lint messages' code spans as code", () => {
    const coded = renderComment(
      review({
        findings: [
          finding("selects-nothing", "warning", "a.yaml:3", undefined, "did you mean `app=frontend`?"),
        ],
      }),
    );
    expect(coded).toContain("<br>did you mean `app=frontend`?");
  });

  test("draws the changed edges in a collapsed Mermaid graph, with a table of the same edges", async () => {
    const [source] = mermaidBlocks(comment);
    expect((await parseFlowchart(source as string)).edges).toHaveLength(9);
    expect(comment).toContain("<details>\n<summary>Graph of the changed paths</summary>\n\n");
    const edgeTable = tables(comment)[2];
    expect(edgeTable?.[0]).toEqual(["Change", "Source", "Destination", "Ports"]);
    expect(edgeTable).toHaveLength(10);
  });

  test("ends with the slash commands, collapsed", () => {
    expect(comment.endsWith("| `/netpol help` | This list. |\n\n</details>")).toBe(true);
    const commands = tables(comment)
      .at(-1)
      ?.map((row) => row[0]);
    expect(commands).toEqual([
      "Command",
      "/netpol explain",
      "/netpol explain <src> <dst> [port[/proto]]",
      "/netpol recheck",
      "/netpol help",
    ]);
  });

  test("is valid GitHub Markdown", () => {
    expect(markdownProblems(comment)).toEqual([]);
  });

  test("is one line when nothing changed and nothing new is wrong", () => {
    expect(renderComment(review({}))).toBe(
      "<!-- netpol-review -->\n" +
        "✅ **netpol-review**: no paths opened or closed and no findings introduced between `main` (`4b1d6e0`) and `feature` (`9e8d7c6`).",
    );
    const old = finding("broad-selector", "warning", "a.yaml:1", undefined, "m", { introduced: false });
    expect(renderComment(review({ findings: [old] })).split("\n")[1]).toMatch(
      /and `feature` \(`9e8d7c6`\)\. 1 pre-existing finding \(1 warning\) is not caused by this change\.$/,
    );
  });

  test("shows a revision once when its label is its SHA", () => {
    const bySha = renderComment(
      review({
        base: { label: "4b1d6e0", sha: "4b1d6e0c9a7f3e2d1c0b9a8f7e6d5c4b3a291807" },
        head: { label: "examples/after" },
        opened: [group(endpoint("a/x"), endpoint("b/y"), tcp(80), why)],
      }),
    );
    expect(bySha).toContain("Comparing `4b1d6e0` → `examples/after`:");
  });

  test("marks new and removed endpoints, and reads a namespace-wide change as one line", () => {
    const md = renderComment(
      review({
        opened: [
          group(
            namespaceSide("monitoring", ["a", "b"]),
            endpoint("shop/new[Deployment]", "added"),
            tcp(9090),
            why,
          ),
        ],
        closed: [
          group(
            endpoint("shop/old[Deployment]", "removed"),
            namespaceSide("data", ["pg", "redis"]),
            tcp(5432),
            why,
          ),
        ],
      }),
    );
    const [opened, closed] = tables(md);
    expect(opened?.[1]?.slice(0, 3)).toEqual([
      "monitoring/* (2 workloads)",
      "shop/new[Deployment] (new)",
      "TCP 9090",
    ]);
    expect(closed?.[1]?.slice(0, 3)).toEqual([
      "shop/old[Deployment] (removed)",
      "data/* (2 workloads)",
      "TCP 5432",
    ]);
  });

  test("lists at most four causes per group, then says how many more", () => {
    const causes = Array.from({ length: 6 }, (_, i) =>
      cause("policy-changed", `NetworkPolicy a/p${i}`, `a.yaml:${i + 1}`, "x"),
    );
    const [opened] = tables(
      renderComment(review({ opened: [group(endpoint("a/x"), endpoint("b/y"), tcp(80), causes)] })),
    );
    expect(opened?.[1]?.[3]?.split("<br>")).toHaveLength(5);
    expect(opened?.[1]?.[3]).toMatch(/<br>and 2 more causes$/);
  });

  test("links file:line when given a link builder, and never links anything but http(s)", () => {
    const linked = renderComment(EXAMPLE_REVIEW, {
      sourceLink: ({ file, line, side }) =>
        side === "head" ? `https://github.com/o/r/blob/9e8d7c6/${file}#L${line}` : "javascript:x",
    });
    expect(linked).toContain(
      "[`payments/policies.yaml:99`](https://github.com/o/r/blob/9e8d7c6/payments/policies.yaml#L99)",
    );
    expect(linked).toContain("(`payments/policies.yaml:113` at base)");
    expect(linked).not.toContain("javascript:");
    expect(markdownProblems(linked)).toEqual([]);
  });
});
