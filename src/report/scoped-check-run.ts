import type { Review } from "../analysis/review/types.js";
import type { RepositoryReview } from "../scopes/review-scopes.js";
import {
  CHECK_OUTPUT_LIMIT,
  type CheckAnnotation,
  type CheckRunOutput,
  MAX_ANNOTATIONS,
  renderCheckRun,
} from "./check-run.js";
import { code, escapeMarkdown } from "./inline-markdown.js";
import { noticesSection, scopesTail } from "./notices-markdown.js";
import type { RenderOptions } from "./review-markdown.js";
import { onlyScopeReview, reviewedScopes, scopeSummary, scopesHeadline } from "./scope-wording.js";

/** `CheckRunOutput`, read-only, so that any one-scope renderer's output fits. */
export type ScopedCheckRunOutput = Readonly<Omit<CheckRunOutput, "annotations">> & {
  readonly annotations: readonly CheckAnnotation[];
};

export type RenderReviewCheckRun = (review: Review, options: RenderOptions) => ScopedCheckRunOutput;

/**
 * The check run of a review made of scopes. One scope: exactly the one-tree check run, its
 * notices added to the summary. Several: the scopes' headline as title, then each reviewed
 * scope's summary and text under its name, and the annotations of all of them.
 */
export function renderScopedCheckRun(
  repository: RepositoryReview,
  options: RenderOptions = {},
  single: RenderReviewCheckRun = renderCheckRun,
): ScopedCheckRunOutput {
  const notices = noticesSection(repository.notices, "### Not analysed", options);
  const only = onlyScopeReview(repository);
  if (only) {
    const output = single(only, options);
    return notices
      ? { ...output, summary: withinLimit(`${output.summary}\n\n${notices}`, output.summary) }
      : output;
  }
  const reviewed = reviewedScopes(repository);
  const outputs = reviewed.map((s) => ({ scope: s, output: single(s.review, options) }));
  const tail = scopesTail(repository, notices);
  const heading = (s: (typeof reviewed)[number]) =>
    `## ${escapeMarkdown(s.scope.name)} (${code(s.scope.root)}): ${escapeMarkdown(scopeSummary(s.review))}`;
  const summary = [
    ...outputs.map(({ scope, output }) => `${heading(scope)}\n\n${output.summary}`),
    ...tail,
  ].join("\n\n");
  const brief = [...reviewed.map((s) => `- ${heading(s).slice(3)}`), ...tail].join("\n\n");
  const text = outputs
    .map(({ scope, output }) => `## ${escapeMarkdown(scope.scope.name)}\n\n${output.text}`)
    .join("\n\n");
  return {
    title: scopesHeadline(repository),
    summary: withinLimit(summary || "No scope reads the changed files.", brief),
    text: withinLimit(text || "No findings.", "Too many findings to list here: run `netpol-review lint`."),
    annotations: outputs.flatMap(({ output }) => output.annotations).slice(0, MAX_ANNOTATIONS),
  };
}

function withinLimit(text: string, fallback: string): string {
  return text.length <= CHECK_OUTPUT_LIMIT ? text : fallback.slice(0, CHECK_OUTPUT_LIMIT);
}
