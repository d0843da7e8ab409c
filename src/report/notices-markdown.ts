import type { RepositoryReview } from "../scopes/review-scopes.js";
import type { RepositoryNotice } from "../scopes/types.js";
import { code, escapeMarkdown } from "./inline-markdown.js";
import { locationMarkdown, type RenderOptions } from "./review-markdown.js";
import { unaffectedScopes } from "./scope-wording.js";

/** Notices shown at most; the rest are counted. */
const MAX_NOTICES = 20;

/** `#### Not analysed` and one line per notice (Helm charts, templates, unknown kinds), or nothing. */
export function noticesSection(
  notices: readonly RepositoryNotice[],
  heading: string,
  options: RenderOptions,
): string | undefined {
  if (notices.length === 0) return undefined;
  const lines = notices.slice(0, MAX_NOTICES).map((n) => `- ℹ️ ${noticeMarkdown(n, options)}`);
  if (notices.length > MAX_NOTICES) lines.push(`- … and ${notices.length - MAX_NOTICES} more`);
  return `${heading}\n\n${lines.join("\n")}`;
}

function noticeMarkdown(notice: RepositoryNotice, options: RenderOptions): string {
  const text = escapeMarkdown(notice.message);
  if (notice.file === undefined) return text;
  return `${text} (${locationMarkdown({ file: notice.file, line: notice.line ?? 1 }, "head", options)})`;
}

/** What closes a review of several scopes: the scopes the change did not touch, then the notices. */
export function scopesTail(repository: RepositoryReview, notices: string | undefined): string[] {
  const untouched = unaffectedScopes(repository);
  return [
    ...(untouched.length > 0 ? [`Not affected by this change: ${untouched.map(code).join(", ")}.`] : []),
    ...(notices ? [notices] : []),
  ];
}
