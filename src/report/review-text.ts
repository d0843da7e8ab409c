import type { Cause, GroupSide, PathGroup, Review, ReviewFinding } from "../analysis/review/types.js";
import { escapeTerminal } from "./escape.js";
import {
  betweenOwnPodsText,
  bySeverity,
  causeText,
  count,
  formatNumber,
  headline,
  introduced,
  isBetweenOwnPods,
  isQuiet,
  locationText,
  portsText,
  preexisting,
  preexistingSentence,
  revisionText,
  sideNote,
  sizesText,
} from "./wording.js";

/**
 * The review for a terminal (`netpol-review diff` text): the same content as the comment,
 * complete (a terminal has no size limit), one group per `+`/`-` line with its causes indented
 * below. Manifest strings are stripped of control characters, so a label cannot drive the
 * terminal with escape sequences or fake extra lines.
 */
export function renderReviewText(review: Review): string {
  const compared = `${escapeTerminal(revisionText(review.base))} -> ${escapeTerminal(revisionText(review.head))}`;
  if (isQuiet(review)) {
    const old = preexisting(review);
    const note = old.length > 0 ? ` ${preexistingSentence(old)}.` : "";
    return `netpol-review: no paths opened or closed and no findings introduced (${compared}).${note}`;
  }
  const { stats } = review;
  const lines = [
    `netpol-review: ${headline(review)}`,
    `${compared}: ${count(stats.openedPairs, "path")} opened, ${formatNumber(stats.closedPairs)} closed; ${sizesText(stats)}`,
  ];
  if (review.opened.length > 0)
    lines.push("", `Opened paths (${formatNumber(stats.openedPairs)}):`, ...groups(review.opened, "+"));
  if (review.closed.length > 0)
    lines.push("", `Closed paths (${formatNumber(stats.closedPairs)}):`, ...groups(review.closed, "-"));
  const found = bySeverity(introduced(review));
  if (found.length > 0) {
    lines.push(
      "",
      `Findings introduced by this change (${formatNumber(found.length)}):`,
      ...found.flatMap(finding),
    );
  }
  const old = preexisting(review);
  if (old.length > 0) {
    lines.push("", `${preexistingSentence(old)}: run netpol-review lint to list them.`);
  }
  return lines.join("\n");
}

function groups(list: readonly PathGroup[], sign: "+" | "-"): string[] {
  return list.flatMap((g) => [
    `  ${sign} ${isBetweenOwnPods(g) ? betweenOwnPodsText(side(g.src)) : `${side(g.src)} => ${side(g.dst)}`} : ${portsText(g.ports)}${g.pairs > 1 ? ` (${count(g.pairs, "path")})` : ""}`,
    ...(g.causes.length === 0 ? ["      no attributable change"] : g.causes.map(cause)),
  ]);
}

function side(s: GroupSide): string {
  const note = sideNote(s);
  return `${escapeTerminal(s.label)}${note ? ` (${note})` : ""}`;
}

function cause(c: Cause): string {
  const where = `${locationText(c)}${c.side === "base" ? ", at base" : ""}`;
  return `      because ${escapeTerminal(causeText(c))} (${escapeTerminal(where)})`;
}

/** Compiler-style like `findingText`, so editors and CI logs link it, with the fix below. */
function finding(f: ReviewFinding): string[] {
  const object = f.object ? ` (${f.object})` : "";
  return [
    `  ${escapeTerminal(`${locationText(f)}: ${f.severity}: ${f.message}${object} [${f.rule}]`)}`,
    ...(f.fix ? [`      fix: ${escapeTerminal(f.fix)}`] : []),
  ];
}
