import type { Review } from "../analysis/review/types.js";
import type { RepositoryReview } from "./review-scopes.js";

/**
 * Every reviewed scope's review as one: for what looks at the change as a whole (whether the
 * comment is worth posting, which changed lines get inline comments). Counts are summed; a path
 * of two scopes counts twice, as it is two clusters' path.
 */
export function combinedReview(repository: RepositoryReview): Review {
  const reviews = repository.scopes.flatMap((s) => (s.review ? [s.review] : []));
  const sum = (pick: (r: Review) => number) => reviews.reduce((n, r) => n + pick(r), 0);
  return {
    base: repository.base,
    head: repository.head,
    opened: reviews.flatMap((r) => r.opened),
    closed: reviews.flatMap((r) => r.closed),
    findings: reviews.flatMap((r) => r.findings),
    stats: {
      openedPairs: sum((r) => r.stats.openedPairs),
      closedPairs: sum((r) => r.stats.closedPairs),
      workloads: { base: sum((r) => r.stats.workloads.base), head: sum((r) => r.stats.workloads.head) },
      policies: { base: sum((r) => r.stats.policies.base), head: sum((r) => r.stats.policies.head) },
    },
  };
}
