import type { FailOn } from "../config/schema.js";
import type { RepositoryReview } from "../scopes/review-scopes.js";
import { escapeMarkdown } from "./inline-markdown.js";
import { changesOnlyCharts, reviewedScopes } from "./scope-wording.js";
import { decideConclusion, namespacesKnownTo, type Verdict } from "./verdict.js";

/**
 * The check's conclusion over every reviewed scope, each judged under `failOn` with its own
 * known namespaces (`decideConclusion`); with several scopes each reason names its scope. A
 * change that is all inside Helm charts is `neutral`: not analysed, never a green pass.
 */
export function decideScopedConclusion(repository: RepositoryReview, failOn: FailOn): Verdict {
  const reviewed = reviewedScopes(repository);
  const named = repository.scopes.length > 1;
  const reasons = reviewed.flatMap((s) => {
    const head = s.head ?? { namespaces: [], workloads: [], policies: [] };
    const verdict = decideConclusion(s.review, failOn, namespacesKnownTo(head, s.config.context));
    return verdict.reasons.map((r) => (named ? `in scope ${escapeMarkdown(s.scope.name)}: ${r}` : r));
  });
  if (reasons.length > 0) return { conclusion: "failure", reasons };
  return { conclusion: changesOnlyCharts(repository) ? "neutral" : "success", reasons };
}
