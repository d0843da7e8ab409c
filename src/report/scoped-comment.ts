import type { Review } from "../analysis/review/types.js";
import type { RepositoryReview } from "../scopes/review-scopes.js";
import { COMMANDS_FOOTER } from "./commands-footer.js";
import { COMMENT_LIMIT, COMMENT_MARKER, renderComment } from "./comment.js";
import { code, escapeMarkdown } from "./inline-markdown.js";
import { noticesSection, scopesTail } from "./notices-markdown.js";
import { type RenderOptions, revisionMarkdown } from "./review-markdown.js";
import { onlyScopeReview, reviewedScopes, scopeSummary, scopesHeadline } from "./scope-wording.js";

/** Scopes listed when their sections do not fit: each line is under 300 characters. */
const MAX_BRIEF_SCOPES = 150;

export type RenderReviewComment = (review: Review, options: RenderOptions) => string;

/**
 * The sticky comment of a review made of scopes. A repository of one scope reads exactly as a
 * one-tree review (`renderComment`), its notices added at the end; several scopes get one
 * headline naming each reviewed scope ("prod: 2 paths opened, 1 closed · staging: no change") and
 * one collapsible section per scope holding that scope's review. `single` renders one scope's
 * review (the App's tests pass a fake).
 */
export function renderScopedComment(
  repository: RepositoryReview,
  options: RenderOptions = {},
  single: RenderReviewComment = renderComment,
): string {
  const notices = noticesSection(repository.notices, "#### Not analysed", options);
  const only = onlyScopeReview(repository);
  if (only) {
    const body = single(only, options);
    return notices ? `${body}\n\n${notices}` : body;
  }
  const reviewed = reviewedScopes(repository);
  const head = `${COMMENT_MARKER}\n### netpol-review: ${escapeMarkdown(scopesHeadline(repository))}`;
  const compared = `Comparing ${revisionMarkdown(repository.base)} → ${revisionMarkdown(repository.head)}, scope by scope (${repository.scopes.length} in the repository).`;
  const tail = [...scopesTail(repository, notices), COMMANDS_FOOTER];
  const full = [head, compared, ...reviewed.map((s) => scopeSection(s, single(s.review, options))), ...tail];
  const text = full.join("\n\n");
  if (text.length <= COMMENT_LIMIT) return text;
  // Too long for one comment: one line per scope (names and counts are short).
  const brief = reviewed
    .slice(0, MAX_BRIEF_SCOPES)
    .map((s) => `- ${code(s.scope.name)}: ${escapeMarkdown(scopeSummary(s.review))} (see the check run)`);
  if (reviewed.length > MAX_BRIEF_SCOPES)
    brief.push(`- … and ${reviewed.length - MAX_BRIEF_SCOPES} more scopes`);
  return [head, compared, brief.join("\n"), ...tail].join("\n\n");
}

function scopeSection(
  scope: { scope: { name: string; root: string }; review: Review },
  body: string,
): string {
  // Plain text: GitHub does not render Markdown inside <summary>.
  const title = escapeMarkdown(`${scope.scope.name} (${scope.scope.root}): ${scopeSummary(scope.review)}`);
  return `<details open>\n<summary>${title}</summary>\n\n${demoted(body)}\n\n</details>`;
}

/** One scope's comment without its marker, headline and footer, its headings one level down. */
function demoted(comment: string): string {
  let body = comment.startsWith(COMMENT_MARKER) ? comment.slice(COMMENT_MARKER.length).trimStart() : comment;
  // The scope's own headline is the section's summary line already.
  if (body.startsWith("### netpol-review:")) body = body.slice(body.indexOf("\n") + 1).trimStart();
  if (body.endsWith(COMMANDS_FOOTER)) body = body.slice(0, -COMMANDS_FOOTER.length).trimEnd();
  return body.replace(/^(#{3,5}) /gm, "#$1 ");
}
