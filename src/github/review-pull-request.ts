import type { Review } from "../analysis/review/types.js";
import { manifestMatcher } from "./config/globs.js";
import type { Config } from "./config/schema.js";
import type { AppDependencies } from "./dependencies.js";
import type { GitHubContext, PullRequestRef } from "./github-context.js";
import { type CheckRun, type Conclusion, completeCheckRun } from "./publish/check-run.js";
import { inlineComments, publishReviewComments } from "./publish/review-comments.js";
import {
  invalidConfigOutput,
  noManifestChangesComment,
  noManifestChangesOutput,
  supersededOutput,
  withNote,
  withVerdict,
} from "./publish/status-outputs.js";
import { findStickyComment, publishStickyComment } from "./publish/sticky-comment.js";
import { renderOptions } from "./render-options.js";
import { decideConclusion } from "./steps/decide-conclusion.js";
import { isCurrentHead } from "./steps/ensure-current-head.js";
import { fetchTrees } from "./steps/fetch-trees.js";
import { listChangedFiles, touchesManifests } from "./steps/list-changed-files.js";
import { loadConfig } from "./steps/load-config.js";
import { resolveRevisions } from "./steps/resolve-revisions.js";
import { reviewOptions } from "./steps/review-options.js";

export type ReviewOutcome =
  | { readonly kind: "reviewed"; readonly conclusion: Conclusion; readonly title: string }
  | {
      readonly kind: "invalid-config" | "no-manifest-changes" | "superseded" | "error";
      readonly conclusion: Conclusion;
      readonly title: string;
    };

/**
 * The review of one pull request head, published. Reads like its steps:
 *  1. configuration from the base branch (invalid: the check fails, naming the key);
 *  2. the changed files (no manifest among them: the check succeeds, nothing fetched);
 *  3. the merge base;
 *  4. the manifests at the merge base and at the head;
 *  5. the review and the check's verdict;
 *  6. still the pull request's head? (if not, publish nothing);
 *  7. the sticky comment; 8. inline review comments; 9. the completed check run.
 * The check is completed last, so that a failure while publishing shows on it.
 */
export async function reviewPullRequest(
  gh: GitHubContext,
  pr: PullRequestRef,
  checkRun: CheckRun,
  deps: AppDependencies,
): Promise<ReviewOutcome> {
  const config = await loadConfig(gh, pr.baseRef);
  if (!config.ok)
    return finish(gh, checkRun, "invalid-config", invalidConfigOutput(config.errors), "failure");

  const isManifest = manifestMatcher(config.config.manifests);
  const changedFiles = await listChangedFiles(gh, pr.number);
  if (!touchesManifests(changedFiles, isManifest)) {
    const head = await isCurrentHead(gh, pr);
    if (!head.current)
      return finish(gh, checkRun, "superseded", supersededOutput(pr.headSha, head.headSha), "cancelled");
    await refreshStaleComment(gh, pr, config.config, deps);
    return finish(gh, checkRun, "no-manifest-changes", noManifestChangesOutput(pr.headSha), "success");
  }

  const revisions = await resolveRevisions(gh, pr);
  const trees = await fetchTrees(gh, revisions, isManifest, deps.engine, deps.caches, deps.limits);
  const review = deps.engine.buildReview(
    { base: trees.base, head: trees.head, baseRevision: revisions.base, headRevision: revisions.head },
    reviewOptions(config.config),
  );
  const verdict = decideConclusion(review, config.config.failOn);
  const links = renderOptions(gh.repositoryUrl, revisions);

  const head = await isCurrentHead(gh, pr);
  if (!head.current)
    return finish(gh, checkRun, "superseded", supersededOutput(pr.headSha, head.headSha), "cancelled");

  await publishComment(gh, pr, deps.engine.renderComment(review, links), review, config.config, deps);
  const inline = config.config.reviewComments
    ? await publishReviewComments(gh, pr.number, pr.headSha, inlineComments(review, changedFiles))
    : { posted: 0 };
  const output = withVerdict(deps.engine.renderCheckRun(review, links), verdict);
  return finish(
    gh,
    checkRun,
    "reviewed",
    "refused" in inline
      ? withNote(output, `GitHub refused the inline review comments: ${inline.refused}.`)
      : output,
    verdict.conclusion,
  );
}

async function finish(
  gh: GitHubContext,
  checkRun: CheckRun,
  kind: ReviewOutcome["kind"],
  output: Parameters<typeof completeCheckRun>[2],
  conclusion: Conclusion,
): Promise<ReviewOutcome> {
  await completeCheckRun(gh, checkRun, output, conclusion);
  gh.log.info({ checkRunId: checkRun.id, conclusion, outcome: kind }, "check run completed");
  return { kind, conclusion, title: output.title };
}

/** Step 7: `always` creates the comment; `on-change` only when something changed; an existing one is always kept current. */
async function publishComment(
  gh: GitHubContext,
  pr: PullRequestRef,
  body: string,
  review: Review,
  config: Config,
  deps: AppDependencies,
): Promise<void> {
  if (config.comment === "never") return;
  const changed =
    review.opened.length > 0 || review.closed.length > 0 || review.findings.some((f) => f.introduced);
  const result = await publishStickyComment(
    gh,
    pr.number,
    deps.engine.commentMarker,
    body,
    config.comment === "always" || changed,
  );
  gh.log.info({ comment: result }, "sticky comment");
}

/** A pull request that no longer changes manifests must not keep showing an old review. */
async function refreshStaleComment(
  gh: GitHubContext,
  pr: PullRequestRef,
  config: Config,
  deps: AppDependencies,
): Promise<void> {
  if (config.comment === "never") return;
  const existing = await findStickyComment(gh, pr.number, deps.engine.commentMarker);
  if (!existing) return;
  const body = noManifestChangesComment(deps.engine.commentMarker);
  if (existing.body !== body)
    await gh.octokit.rest.issues.updateComment({
      owner: gh.owner,
      repo: gh.repo,
      comment_id: existing.id,
      body,
    });
}
