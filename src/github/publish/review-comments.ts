import { createHash } from "node:crypto";
import type { Review, ReviewFinding } from "../../analysis/review/types.js";
import { code, escapeMarkdown } from "../../report/inline-markdown.js";
import { type AppIdentity, isOwnComment } from "../app-identity.js";
import { apiStatus, describeError, loggableError } from "../errors.js";
import type { GitHubContext } from "../github-context.js";
import type { ChangedFile } from "../steps/list-changed-files.js";
import { rightSideLines } from "./diff-lines.js";

/** Marks the app's inline comments; followed by a key naming the finding. */
export const FINDING_MARKER = "<!-- netpol-review:finding";

/** One review carries at most this many comments; the check run lists every finding anyway. */
export const MAX_REVIEW_COMMENTS = 30;

export interface InlineComment {
  readonly path: string;
  readonly line: number;
  readonly side: "RIGHT";
  readonly body: string;
}

/**
 * Findings worth a comment on the line: introduced by the pull request, and either a policy
 * without documentation or an error.
 */
export function commentWorthy(finding: ReviewFinding): boolean {
  return finding.introduced && (finding.rule === "missing-description" || finding.severity === "error");
}

/** The inline comments a review calls for: worthy findings on lines the diff shows (head side). */
export function inlineComments(review: Review, changedFiles: readonly ChangedFile[]): InlineComment[] {
  const commentable = new Map<string, Set<number>>();
  for (const file of changedFiles)
    if (file.patch !== undefined) commentable.set(file.path, rightSideLines(file.patch));
  const seen = new Set<string>();
  const comments: InlineComment[] = [];
  for (const finding of review.findings) {
    if (!commentWorthy(finding) || !commentable.get(finding.file)?.has(finding.line)) continue;
    const key = findingKey(finding);
    if (seen.has(`${finding.file}:${finding.line}:${key}`)) continue;
    seen.add(`${finding.file}:${finding.line}:${key}`);
    comments.push({ path: finding.file, line: finding.line, side: "RIGHT", body: commentBody(finding, key) });
  }
  return comments;
}

export interface ReviewCommentOptions {
  readonly identity: AppIdentity;
  /** Called right before the review is posted (and not when there is nothing new to post). */
  readonly beforeWrite?: () => Promise<void>;
}

/**
 * Posts one review (event `COMMENT`) with the inline comments of this push, leaving out those the
 * app already made on the same line of the same file (comments by anyone else, markers included,
 * do not count). Returns how many comments were posted, or why GitHub refused them (422: a line
 * it does not consider part of the diff) — the review itself is still published, with that note.
 */
export async function publishReviewComments(
  gh: GitHubContext,
  pullNumber: number,
  headSha: string,
  wanted: readonly InlineComment[],
  options: ReviewCommentOptions,
): Promise<{ posted: number } | { refused: string }> {
  if (wanted.length === 0) return { posted: 0 };
  const existing = await gh.octokit.paginate(gh.octokit.rest.pulls.listReviewComments, {
    owner: gh.owner,
    repo: gh.repo,
    pull_number: pullNumber,
    per_page: 100,
  });
  const already = new Set(
    existing
      .filter(
        (c) =>
          c.body.includes(FINDING_MARKER) &&
          c.line !== null &&
          c.line !== undefined &&
          isOwnComment(c, options.identity),
      )
      .map((c) => `${c.path}:${c.line}:${markerKey(c.body)}`),
  );
  const fresh = wanted.filter((c) => !already.has(`${c.path}:${c.line}:${markerKey(c.body)}`));
  if (fresh.length === 0) return { posted: 0 };
  const posted = fresh.slice(0, MAX_REVIEW_COMMENTS);
  const more = fresh.length - posted.length;
  await options.beforeWrite?.();
  try {
    await createReview(gh, pullNumber, headSha, posted, more);
  } catch (error) {
    if (apiStatus(error) !== 422) throw error;
    gh.log.warn(
      { error: loggableError(error), deliveryId: gh.deliveryId },
      `inline comments refused: ${describeError(error)}`,
    );
    return { refused: describeError(error) };
  }
  return { posted: posted.length };
}

async function createReview(
  gh: GitHubContext,
  pullNumber: number,
  headSha: string,
  posted: readonly InlineComment[],
  more: number,
): Promise<void> {
  await gh.octokit.rest.pulls.createReview({
    owner: gh.owner,
    repo: gh.repo,
    pull_number: pullNumber,
    commit_id: headSha,
    event: "COMMENT",
    body:
      `**netpol-review**: ${posted.length} finding${posted.length === 1 ? "" : "s"} on lines this pull request changes.` +
      (more > 0 ? ` ${more} more are listed in the \`netpol-review\` check.` : ""),
    comments: posted.map((c) => ({ path: c.path, line: c.line, side: c.side, body: c.body })),
  });
}

function commentBody(finding: ReviewFinding, key: string): string {
  const lines = [`**${finding.severity}** ${code(finding.rule)}: ${escapeMarkdown(finding.message)}`];
  if (finding.fix) lines.push("", `**Fix:** ${escapeMarkdown(finding.fix)}`);
  lines.push("", `${FINDING_MARKER} ${key} -->`);
  return lines.join("\n");
}

/** Names the finding (rule and object) independently of its line, which moves as the file is edited. */
function findingKey(finding: ReviewFinding): string {
  return createHash("sha256")
    .update(`${finding.rule}\0${finding.object ?? finding.message}`)
    .digest("hex")
    .slice(0, 16);
}

function markerKey(body: string): string {
  const at = body.indexOf(FINDING_MARKER);
  return at < 0
    ? ""
    : (body
        .slice(at + FINDING_MARKER.length)
        .trim()
        .split(/\s/)[0] ?? "");
}
