import type { ConfigError } from "../config/parse.js";
import { code, escapeMarkdown } from "./inline-markdown.js";

/** A Markdown list, one error per line with file, line and key, for check run summaries and replies. */
export function describeConfigErrors(errors: readonly ConfigError[]): string {
  return errors
    .map(
      (e) =>
        `- ${code(e.file)} line ${e.line}${e.key ? `, key ${code(e.key)}` : ""}: ${escapeMarkdown(e.message)}`,
    )
    .join("\n");
}
