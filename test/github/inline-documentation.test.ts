import { describe, expect, it } from "vitest";
import { analyseTree } from "../../src/analysis/cluster.js";
import { lintChange } from "../../src/analysis/lint/index.js";
import type { Review } from "../../src/analysis/review/types.js";
import { inlineComments } from "../../src/github/publish/review-comments.js";
import { tree } from "../helpers/trees.js";
import { unifiedPatch } from "./helpers/line-diff.js";

const policy = (name: string, comment = "") =>
  `${comment}apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: ${name}\n  namespace: shop\nspec:\n  podSelector: {}\n`;

/** The inline comments a push from `base` to `head` (one file, `policies.yaml`) gets. */
function commentedLines(base: string, head: string): number[] {
  const findings = lintChange(
    analyseTree(tree({ "policies.yaml": base })),
    analyseTree(tree({ "policies.yaml": head })),
  );
  const review = { findings } as unknown as Review;
  const changed = [{ path: "policies.yaml", status: "modified", patch: unifiedPatch(base, head) }];
  return inlineComments(review, changed)
    .filter((c) => c.body.includes("`missing-description`"))
    .map((c) => c.line);
}

describe("inline comments about documentation", () => {
  const undocumented = policy("old");
  const documented = policy("kept", "# Lets every pod of shop take traffic from shop.\n");

  it("go only to policies the change added, not to undocumented neighbours it left alone", () => {
    const base = `${undocumented}---\n${documented}`;
    // The new policy lands right after the old undocumented one, within the diff's context lines.
    const head = `${undocumented}---\n${policy("added")}---\n${documented}`;
    expect(commentedLines(base, head)).toEqual([9]);
  });

  it("go to a policy whose documenting comment the change removed", () => {
    const base = `${undocumented}---\n${documented}`;
    const head = `${undocumented}---\n${policy("kept")}`;
    expect(commentedLines(base, head)).toEqual([9]);
  });

  it("do not go to a policy documented by a comment, added or edited", () => {
    const base = documented;
    const head = `${policy("kept", "# Lets every pod of shop take traffic from shop (edited).\n")}---\n${policy("new", "# A new policy, documented.\n")}`;
    expect(commentedLines(base, head)).toEqual([]);
  });
});
