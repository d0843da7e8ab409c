import type { Review } from "../analysis/review/types.js";
import type { RepositoryReview, ScopeReview } from "../scopes/review-scopes.js";
import { count, formatNumber, introduced, isQuiet } from "./wording.js";

/**
 * The words for a review made of scopes, plain and unescaped like `wording.ts`: "prod: 2 paths
 * opened, 1 closed · staging: no change", as Atlantis lists its projects.
 */

/** `2 paths opened, 1 closed, 1 finding`, or `no change`. */
export function scopeSummary(review: Review): string {
  if (isQuiet(review)) return "no change";
  const found = introduced(review).length;
  const findings = found > 0 ? `, ${count(found, "finding")}` : "";
  if (review.opened.length === 0 && review.closed.length === 0) return count(found, "finding");
  return `${count(review.opened.length, "path")} opened, ${formatNumber(review.closed.length)} closed${findings}`;
}

/** The scopes the change was reviewed in. */
export function reviewedScopes(repository: RepositoryReview): (ScopeReview & { review: Review })[] {
  return repository.scopes.filter((s): s is ScopeReview & { review: Review } => s.review !== undefined);
}

/** Whether every reviewed scope is quiet (or none was reviewed) while Helm charts changed. */
export function changesOnlyCharts(repository: RepositoryReview): boolean {
  return repository.changedCharts.length > 0 && reviewedScopes(repository).every((s) => isQuiet(s.review));
}

/** `prod: 2 paths opened, 1 closed · staging: no change`, the reviewed scopes only. */
export function scopesHeadline(repository: RepositoryReview): string {
  const reviewed = reviewedScopes(repository);
  if (changesOnlyCharts(repository)) return chartsHeadline(repository.changedCharts);
  if (reviewed.length === 0) return "No scope reads the changed files: nothing to review";
  return reviewed.map((s) => `${s.scope.name}: ${scopeSummary(s.review)}`).join(" · ");
}

/** Said instead of a green "no change" when what changed is inside Helm charts. */
export function chartsHeadline(charts: readonly string[]): string {
  const which = charts.length === 1 ? `Helm chart ${charts[0]}` : `${charts.length} Helm charts`;
  return `Not analysed: the change is inside ${which}, which the review does not render`;
}

/** `dev, staging`: the scopes the change did not touch. */
export function unaffectedScopes(repository: RepositoryReview): string[] {
  return repository.scopes.filter((s) => s.review === undefined).map((s) => s.scope.name);
}

/**
 * The review of a repository of one scope, which renders exactly as a one-tree review; none when
 * there are several scopes, or when the change is all inside Helm charts (its headline says so).
 */
export function onlyScopeReview(repository: RepositoryReview): Review | undefined {
  const reviewed = reviewedScopes(repository);
  if (repository.scopes.length !== 1 || reviewed.length !== 1 || changesOnlyCharts(repository))
    return undefined;
  return reviewed[0]?.review;
}
