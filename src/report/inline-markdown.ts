import { escapeMarkdown as escapeInline, markdownCode, truncate } from "./escape.js";

// Text the app writes itself into comments and check runs. Everything that comes from a
// repository or a user (paths, keys, messages, command lines) goes through `code` or
// `escapeMarkdown` (src/report/escape.ts), so that it cannot format, link, mention or inject HTML.

const MAX_CODE_CHARS = 200;
const MAX_TEXT_CHARS = 1_000;

/** A one-line code span holding `text` literally, shortened. */
export function code(text: string): string {
  return markdownCode(truncate(text, MAX_CODE_CHARS));
}

/** One line of plain text made inert in Markdown, shortened. */
export function escapeMarkdown(text: string): string {
  return escapeInline(truncate(text, MAX_TEXT_CHARS));
}

/** A short commit SHA for text (the full one stays in links and API calls). */
export { shortSha } from "./wording.js";
