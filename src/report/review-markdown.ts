import type {
  Cause,
  GroupSide,
  PathGroup,
  Review,
  ReviewFinding,
  Revision,
} from "../analysis/review/types.js";
import { escapeMarkdown, markdownCode, markdownLink, singleLine, truncate } from "./escape.js";
import {
  betweenOwnPodsText,
  count,
  formatNumber,
  isBetweenOwnPods,
  locationText,
  pathsIn,
  portsText,
  revisionShowsSha,
  SEVERITY_ICON,
  shortSha,
  sideNote,
  sizesText,
} from "./wording.js";

/**
 * Markdown pieces shared by the PR comment, the check run and the slash-command replies. Every
 * string from the review passes through `escape.ts` here, shortened first so that one hostile
 * value cannot eat the size budget.
 */

/** Where a manifest location is, for building a link to it. */
export interface SourceLocation {
  readonly file: string;
  readonly line: number;
  /** The revision the location belongs to. */
  readonly side: "base" | "head";
}

export interface RenderOptions {
  /**
   * A web URL for a manifest location (the GitHub code knows the host, repository and SHAs);
   * without it, locations are shown as `file:line` text.
   */
  readonly sourceLink?: (location: SourceLocation) => string | undefined;
}

/** Longest manifest-derived strings shown, in characters, before escaping. */
export const MAX_CHARS = {
  label: 160,
  object: 160,
  detail: 300,
  path: 200,
  message: 600,
  fix: 400,
  revision: 80,
  rule: 60,
} as const;

/** Causes listed per group before `and N more`. */
const MAX_CAUSES = 4;

/** A Markdown table; every cell must already be escaped, one line, and every row as wide as the header. */
export function markdownTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.join(" | ")} |`;
  for (const row of rows) {
    if (row.length !== header.length)
      throw new Error(`table row has ${row.length} cells, header ${header.length}`);
    if (row.some((cell) => cell.includes("\n"))) throw new Error("table cell spans lines");
  }
  return [line(header), line(header.map(() => "---")), ...rows.map(line)].join("\n");
}

/** A row that says how many were left out, as wide as the table. */
export function moreRow(width: number, text: string): string[] {
  return [`_${text}_`, ...Array.from({ length: width - 1 }, () => "")];
}

/**
 * Plain text from the review where `code` spans are kept as code (lint messages quote labels
 * that way) and everything else is escaped: safe for any input, since each piece is escaped
 * for its own kind.
 */
export function richMarkdown(text: string, inTable = false): string {
  const line = singleLine(text);
  let out = "";
  let last = 0;
  for (const match of line.matchAll(/`([^`]+)`/g)) {
    out += escapeMarkdown(line.slice(last, match.index));
    out += markdownCode(match[1] as string, inTable);
    last = (match.index as number) + match[0].length;
  }
  return out + escapeMarkdown(line.slice(last));
}

/**
 * `` `shop/policies.yaml:99` ``, a link when the options can build one, followed by `at base`
 * for the old side unless the context already says so (`markBase: false`).
 */
export function locationMarkdown(
  where: { readonly file: string; readonly line: number },
  side: "base" | "head",
  options: RenderOptions,
  { inTable = false, markBase = true }: { inTable?: boolean; markBase?: boolean } = {},
): string {
  const text = markdownCode(
    locationText({ file: truncate(where.file, MAX_CHARS.path), line: where.line }),
    inTable,
  );
  const link = markdownLink(text, options.sourceLink?.({ file: where.file, line: where.line, side }));
  return side === "base" && markBase ? `${link} at base` : link;
}

/** `main` (`1a2b3c4`). */
export function revisionMarkdown(revision: Revision): string {
  const label = markdownCode(truncate(revision.label, MAX_CHARS.revision));
  return revisionShowsSha(revision) ? `${label} (${markdownCode(shortSha(revision.sha))})` : label;
}

/** The compared revisions and the raw sizes behind the headline. */
export function comparedLine(review: Review): string {
  const { stats } = review;
  return (
    `Comparing ${revisionMarkdown(review.base)} → ${revisionMarkdown(review.head)}: ` +
    `${count(stats.openedPairs, "path")} opened, ${formatNumber(stats.closedPairs)} closed · ${sizesText(stats)}`
  );
}

/**
 * A group's source and destination cells; traffic between one endpoint's own pods reads
 * `between pods of X` once, with `(same pods)` as its destination.
 */
export function pathCellsMarkdown(group: PathGroup): [string, string] {
  if (!isBetweenOwnPods(group)) return [sideMarkdown(group.src), sideMarkdown(group.dst)];
  return [betweenOwnPodsText(sideMarkdown(group.src)), "_(same pods)_"];
}

/** An endpoint side, marked when it exists at head only (new) or at base only (removed). */
export function sideMarkdown(side: GroupSide): string {
  const label = escapeMarkdown(truncate(side.label, MAX_CHARS.label));
  const note = sideNote(side);
  return note ? `${label} _(${note})_` : label;
}

/** `NetworkPolicy shop/x: ingress rule 1 now allows this traffic (`shop/policies.yaml:9`)`. */
export function causeMarkdown(cause: Cause, options: RenderOptions, inTable = false): string {
  const object = escapeMarkdown(truncate(cause.object, MAX_CHARS.object));
  const detail = richMarkdown(truncate(cause.detail, MAX_CHARS.detail), inTable);
  return `${object}: ${detail} (${locationMarkdown(cause, cause.side, options, { inTable })})`;
}

/** Every cause of a group in one table cell, one per line. */
function causesCell(causes: readonly Cause[], options: RenderOptions): string {
  if (causes.length === 0) return "_no attributable change_";
  const shown = causes.slice(0, MAX_CAUSES).map((c) => causeMarkdown(c, options, true));
  if (causes.length > MAX_CAUSES) shown.push(`_and ${count(causes.length - MAX_CAUSES, "more cause")}_`);
  return shown.join("<br>");
}

/**
 * The opened (or closed) groups as a table with their causes, at most `limit` rows; the rest
 * is one closing row that says how many paths were left out and where to find them.
 */
export function groupTable(
  groups: readonly PathGroup[],
  limit: number,
  more: (left: number) => string,
  options: RenderOptions,
): string {
  const header = ["Source", "Destination", "Ports", "Cause"];
  const rows = groups
    .slice(0, limit)
    .map((g) => [...pathCellsMarkdown(g), escapeMarkdown(portsText(g.ports)), causesCell(g.causes, options)]);
  if (groups.length > limit) rows.push(moreRow(header.length, more(pathsIn(groups.slice(limit)))));
  return markdownTable(header, rows);
}

/** `- ❌ **error** `rule` · object · `file:line`` then the message and the fix. */
export function findingItem(finding: ReviewFinding, options: RenderOptions): string {
  const head = [
    `${SEVERITY_ICON[finding.severity]} **${finding.severity}**`,
    markdownCode(truncate(finding.rule, MAX_CHARS.rule)),
    ...(finding.object ? [escapeMarkdown(truncate(finding.object, MAX_CHARS.object))] : []),
    locationMarkdown(finding, "head", options),
  ].join(" · ");
  const message = richMarkdown(truncate(finding.message, MAX_CHARS.message));
  const fix = finding.fix ? `<br>**Fix:** ${richMarkdown(truncate(finding.fix, MAX_CHARS.fix))}` : "";
  return `- ${head}<br>${message}${fix}`;
}

/** Findings as a list, at most `limit` items, then a line saying how many more there are. */
export function findingList(
  findings: readonly ReviewFinding[],
  limit: number,
  more: (left: number) => string,
  options: RenderOptions,
): string {
  const items = findings.slice(0, limit).map((f) => findingItem(f, options));
  if (findings.length > limit) items.push(`- _${more(findings.length - limit)}_`);
  return items.join("\n");
}
