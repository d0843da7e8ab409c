import type { Review, ReviewFinding } from "../analysis/review/types.js";
import type { Severity } from "../model/finding.js";
import { fitToLimit, shrinkingCaps } from "./budget.js";
import { neutralizeMentions, singleLine, truncate } from "./escape.js";
import { comparedLine, findingList, groupTable, type RenderOptions } from "./review-markdown.js";
import {
  bySeverity,
  count,
  formatNumber,
  headline,
  introduced,
  isQuiet,
  preexisting,
  severityBreakdown,
} from "./wording.js";

/** One line annotation, in the shape of the Checks API (`output.annotations[]`). */
export interface CheckAnnotation {
  path: string;
  start_line: number;
  end_line: number;
  annotation_level: "notice" | "warning" | "failure";
  message: string;
  title: string;
}

/** The check run's `output`: title, summary and text (each at most 65,535 characters) and the annotations. */
export interface CheckRunOutput {
  title: string;
  summary: string;
  text: string;
  annotations: CheckAnnotation[];
}

/** GitHub's limit for `output.summary` and `output.text`, in characters. */
export const CHECK_OUTPUT_LIMIT = 65_535;

/**
 * Annotations at most: the API takes 50 per request, so this is four requests. The rest of the
 * findings are listed in the text.
 */
export const MAX_ANNOTATIONS = 200;

const ANNOTATION_LEVEL: Readonly<Record<Severity, CheckAnnotation["annotation_level"]>> = {
  error: "failure",
  warning: "warning",
  notice: "notice",
};

const MAX_ANNOTATION_TITLE = 255;
const MAX_ANNOTATION_MESSAGE = 4_000;

/** Rows per table in the summary before it shrinks to fit. */
const MAX_GROUP_ROWS = 500;
const MAX_FINDINGS = 500;

/**
 * The check run's output for a review: the headline as title; the compared revisions and the
 * opened/closed tables as summary; the findings (introduced, then pre-existing) as text; and an
 * annotation on the manifest line of every finding the change introduced, plus every broken
 * manifest (`invalid-manifest`), which the check reports whether new or not.
 */
export function renderCheckRun(review: Review, options: RenderOptions = {}): CheckRunOutput {
  const annotated = bySeverity(review.findings.filter((f) => f.introduced || f.rule === "invalid-manifest"));
  const annotations = annotated.slice(0, MAX_ANNOTATIONS).map(annotation);
  return {
    title: headline(review),
    summary: summary(review, options),
    text: text(review, annotated.length, options),
    annotations,
  };
}

function summary(review: Review, options: RenderOptions): string {
  if (isQuiet(review)) {
    return `${comparedLine(review)}\n\nNo paths opened or closed and no findings introduced.`;
  }
  const more = (singular: string) => (left: number) =>
    `… and ${count(left, `more ${singular}`)} (run \`netpol-review diff\` for all of them)`;
  return fitToLimit(
    CHECK_OUTPUT_LIMIT,
    shrinkingCaps(MAX_GROUP_ROWS),
    (rows) => {
      const sections = [comparedLine(review)];
      if (review.opened.length > 0) {
        sections.push(
          `### Opened paths (${formatNumber(review.stats.openedPairs)})`,
          groupTable(review.opened, rows, more("opened path"), options),
        );
      }
      if (review.closed.length > 0) {
        sections.push(
          `### Closed paths (${formatNumber(review.stats.closedPairs)})`,
          groupTable(review.closed, rows, more("closed path"), options),
        );
      }
      sections.push(findingsLine(review));
      return sections.join("\n\n");
    },
    () => `${comparedLine(review)}\n\nToo many changes to list here: run \`netpol-review diff\`.`,
  );
}

/** `Findings: 2 introduced by this change (1 error, 1 warning); 3 pre-existing (3 notices).` */
function findingsLine(review: Review): string {
  const part = (findings: readonly ReviewFinding[], what: string) =>
    `${formatNumber(findings.length)} ${what}${findings.length > 0 ? ` (${severityBreakdown(findings)})` : ""}`;
  return `Findings: ${part(introduced(review), "introduced by this change")}; ${part(preexisting(review), "pre-existing")}.`;
}

function text(review: Review, annotatable: number, options: RenderOptions): string {
  const found = bySeverity(introduced(review));
  const old = bySeverity(preexisting(review));
  if (found.length === 0 && old.length === 0) return "No findings.";
  const more = (left: number) =>
    `… and ${count(left, "more finding")} (run \`netpol-review lint\` for all of them)`;
  const note =
    annotatable > MAX_ANNOTATIONS
      ? `_${formatNumber(MAX_ANNOTATIONS)} of ${count(annotatable, "annotatable finding")} are annotated on the manifests._`
      : undefined;
  return fitToLimit(
    CHECK_OUTPUT_LIMIT,
    shrinkingCaps(MAX_FINDINGS),
    (cap) => {
      const sections: string[] = [];
      if (found.length > 0) {
        sections.push(
          `### Findings introduced by this change (${formatNumber(found.length)})`,
          findingList(found, cap, more, options),
        );
      }
      if (old.length > 0) {
        sections.push(
          `### Pre-existing findings (${formatNumber(old.length)})`,
          "These exist at the base too: they are not caused by this change.",
          findingList(old, cap, more, options),
        );
      }
      if (note) sections.push(note);
      return sections.join("\n\n");
    },
    () => `${findingsLine(review)} Too many to list here: run \`netpol-review lint\`.`,
  );
}

function annotation(finding: ReviewFinding): CheckAnnotation {
  const title = finding.object ? `${finding.rule}: ${finding.object}` : finding.rule;
  const message = finding.fix ? `${finding.message}\n\nFix: ${finding.fix}` : finding.message;
  const line = Math.max(1, Math.floor(finding.line));
  return {
    path: finding.file,
    start_line: line,
    end_line: line,
    annotation_level: ANNOTATION_LEVEL[finding.severity],
    // Plain text in GitHub's UI; still, nobody gets pinged from a manifest.
    title: truncate(
      neutralizeMentions(singleLine(truncate(title, MAX_ANNOTATION_TITLE))),
      MAX_ANNOTATION_TITLE,
    ),
    message: truncate(neutralizeMentions(truncate(message, MAX_ANNOTATION_MESSAGE)), MAX_ANNOTATION_MESSAGE),
  };
}
