import type { Review } from "../analysis/review/types.js";
import { fitToLimit, shrinkingCaps } from "./budget.js";
import { COMMANDS_FOOTER } from "./commands-footer.js";
import { graphDetails } from "./graph-details.js";
import { MERMAID_MAX_EDGES } from "./mermaid.js";
import {
  comparedLine,
  findingList,
  groupTable,
  type RenderOptions,
  revisionMarkdown,
} from "./review-markdown.js";
import {
  bySeverity,
  count,
  formatNumber,
  headline,
  introduced,
  isQuiet,
  preexisting,
  preexistingSentence,
} from "./wording.js";

/** A hidden first line by which the app finds its sticky comment again. */
export const COMMENT_MARKER = "<!-- netpol-review -->";

/** GitHub's limit for a comment body, in characters. */
export const COMMENT_LIMIT = 65_536;

/** How much of each list one rendering shows. */
interface Detail {
  readonly groups: number;
  readonly findings: number;
  readonly graphEdges: number;
}

/** Rows per table in a comment: past a hundred, a reader wants the check run or the CLI anyway. */
const MAX_GROUP_ROWS = 100;
const MAX_FINDINGS = 50;

/**
 * From most to least detailed. The graph goes first (it repeats the tables), then the tables
 * shrink, then the findings with them.
 */
const LEVELS: readonly Detail[] = [
  ...[MERMAID_MAX_EDGES, 20, 0].map((graphEdges) => ({
    groups: MAX_GROUP_ROWS,
    findings: MAX_FINDINGS,
    graphEdges,
  })),
  ...[50, 25, 12].map((groups) => ({ groups, findings: MAX_FINDINGS, graphEdges: 0 })),
  ...shrinkingCaps(10).map((n) => ({ groups: n, findings: n, graphEdges: 0 })),
];

/**
 * The sticky PR comment: marker, headline counts, compared revisions, tables of opened and
 * closed paths with their causes, the findings the change introduced, a one-line summary of
 * pre-existing ones, a Mermaid graph of the changed edges and the slash commands. Never longer
 * than `COMMENT_LIMIT`: when too big it summarises, dropping the graph first, then rows.
 */
export function renderComment(review: Review, options: RenderOptions = {}): string {
  if (isQuiet(review)) return `${COMMENT_MARKER}\n${quietLine(review)}`;
  return fitToLimit(
    COMMENT_LIMIT,
    LEVELS,
    (detail) => renderAt(review, detail, options),
    () => tooLarge(review),
  );
}

function renderAt(review: Review, detail: Detail, options: RenderOptions): string {
  const more = (singular: string) => (left: number) =>
    `… and ${count(left, `more ${singular}`)} (see the check run or \`netpol-review diff\`)`;
  const found = bySeverity(introduced(review));
  const sections: string[] = [
    `${COMMENT_MARKER}\n### netpol-review: ${headline(review)}`,
    comparedLine(review),
  ];
  if (review.opened.length > 0) {
    sections.push(
      `#### Opened paths (${formatNumber(review.stats.openedPairs)})`,
      groupTable(review.opened, detail.groups, more("opened path"), options),
    );
  }
  if (review.closed.length > 0) {
    sections.push(
      `#### Closed paths (${formatNumber(review.stats.closedPairs)})`,
      groupTable(review.closed, detail.groups, more("closed path"), options),
    );
  }
  if (found.length > 0) {
    sections.push(
      `#### Findings introduced by this change (${formatNumber(found.length)})`,
      findingList(found, detail.findings, more("finding"), options),
    );
  }
  const before = preexistingLine(review);
  if (before) sections.push(before);
  const changed = review.opened.length + review.closed.length;
  if (changed > 0 && detail.graphEdges > 0) sections.push(graphDetails(review, detail.graphEdges));
  else if (changed > 0)
    sections.push("_The graph of the changed paths is left out to fit GitHub's size limit._");
  sections.push(COMMANDS_FOOTER);
  return sections.join("\n\n");
}

/** `ℹ️ 3 pre-existing findings (1 warning, 2 notices) …`, or nothing when there are none. */
function preexistingLine(review: Review): string | undefined {
  const old = preexisting(review);
  if (old.length === 0) return undefined;
  return `ℹ️ ${preexistingSentence(old)} (see the check run or \`netpol-review lint\`).`;
}

/** The whole comment when nothing changed and nothing new is wrong. */
function quietLine(review: Review): string {
  const old = preexisting(review);
  const note = old.length > 0 ? ` ${preexistingSentence(old)}.` : "";
  return (
    `✅ **netpol-review**: no paths opened or closed and no findings introduced between ` +
    `${revisionMarkdown(review.base)} and ${revisionMarkdown(review.head)}.${note}`
  );
}

/** When not even one row of each list fits (hostile input): the counts and where to look. */
function tooLarge(review: Review): string {
  return [
    `${COMMENT_MARKER}\n### netpol-review: ${headline(review)}`,
    comparedLine(review),
    "The review is too large for a comment: see the check run or run `netpol-review diff`.",
  ].join("\n\n");
}
