import { manifestPaths } from "../config/globs.js";
import type { Config } from "../config/schema.js";
import { type AppIdentity, appIdentity } from "./app-identity.js";
import type { AppDependencies } from "./dependencies.js";
import type { CheckRunOutput } from "./engine.js";
import { type ReviewJobResult, runReviewJob } from "./engine-job.js";
import type { GitHubContext, PullRequestRef } from "./github-context.js";
import { type CheckRun, type Conclusion, completeCheckRunSurely } from "./publish/check-run.js";
import { publishReviewComments } from "./publish/review-comments.js";
import {
  incompleteFilesNote,
  invalidConfigOutput,
  noManifestChangesComment,
  noManifestChangesOutput,
  supersededOutput,
  withNote,
  withVerdict,
} from "./publish/status-outputs.js";
import { findStickyComment, publishStickyComment, type StickyResult } from "./publish/sticky-comment.js";
import { HeadGuard, SupersededError } from "./steps/ensure-current-head.js";
import { fetchManifests } from "./steps/fetch-manifests.js";
import { listChangedFiles, touchesManifests } from "./steps/list-changed-files.js";
import { loadConfig } from "./steps/load-config.js";
import { resolveRevisions } from "./steps/resolve-revisions.js";

export type ReviewOutcome =
  | { readonly kind: "reviewed"; readonly conclusion: Conclusion; readonly title: string }
  | {
      readonly kind: "invalid-config" | "no-manifest-changes" | "superseded" | "error" | "limit" | "stopped";
      readonly conclusion: Conclusion;
      readonly title: string;
    };

/**
 * The review of one pull request head, published. Reads like its steps:
 *  1. configuration from the base branch (invalid: the check fails, naming the key);
 *  2. the changed files (no manifest among them, and GitHub listed them all: the check succeeds,
 *     nothing fetched);
 *  3. the merge base;
 *  4. the manifests at the merge base and at the head;
 *  5. the review, the check's verdict and the rendered outputs (an engine job, off this thread);
 *  6. before each write: still the pull request's head? (if not, publish nothing more);
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
    return finish({ gh, checkRun, deps }, "invalid-config", invalidConfigOutput(config.errors), "failure");

  const identity = appIdentity(deps.appId, checkRun.app);
  const guard = new HeadGuard(gh, pr);
  const published: string[] = [];
  try {
    return await reviewAndPublish(gh, pr, checkRun, deps, config.config, identity, guard, published);
  } catch (error) {
    if (!(error instanceof SupersededError)) throw error;
    return finish(
      { gh, checkRun, deps },
      "superseded",
      supersededOutput(pr.headSha, error.currentSha, published),
      "cancelled",
    );
  }
}

async function reviewAndPublish(
  gh: GitHubContext,
  pr: PullRequestRef,
  checkRun: CheckRun,
  deps: AppDependencies,
  config: Config,
  identity: AppIdentity,
  guard: HeadGuard,
  published: string[],
): Promise<ReviewOutcome> {
  const paths = manifestPaths(config.manifests);
  const changes = await listChangedFiles(gh, pr.number, pr.changedFiles);
  // A list GitHub cut short (3,000 files) may hide a manifest: only a complete one can skip the review.
  if (changes.complete && !touchesManifests(changes.files, paths)) {
    if (await refreshStaleComment(gh, pr, config, deps, identity, guard))
      published.push("the sticky comment");
    await guard.ensureCurrent();
    return finish(
      { gh, checkRun, deps },
      "no-manifest-changes",
      noManifestChangesOutput(pr.headSha),
      "success",
    );
  }
  if (!changes.complete)
    gh.log.warn(
      { pullRequest: pr.number, listed: changes.files.length, changedFiles: changes.total },
      "GitHub did not list every changed file: reviewing the whole trees",
    );

  const revisions = await resolveRevisions(gh, pr);
  const files = await fetchManifests(gh, revisions, paths, deps.caches, deps.limits);
  const result = await runReviewJob(deps.jobs, {
    files,
    revisions,
    repositoryUrl: gh.repositoryUrl,
    config,
    task: { kind: "review", changedFiles: changes.files },
  });

  const comment = await publishComment(gh, pr, result, config, { identity, guard, deps });
  if (comment === "created" || comment === "updated") published.push("the sticky comment");
  const inline = config.reviewComments
    ? await publishReviewComments(gh, pr.number, pr.headSha, result.inlineComments, {
        identity,
        beforeWrite: () => guard.ensureCurrent(),
      })
    : { posted: 0 };
  if ("posted" in inline && inline.posted > 0) published.push("the inline review comments");

  let output = withVerdict(result.checkRun, result.verdict);
  if (!changes.complete) output = withNote(output, incompleteFilesNote(changes.files.length, changes.total));
  if ("refused" in inline)
    output = withNote(output, `GitHub refused the inline review comments: ${inline.refused}.`);
  await guard.ensureCurrent();
  return finish({ gh, checkRun, deps }, "reviewed", output, result.verdict.conclusion);
}

async function finish(
  { gh, checkRun, deps }: { gh: GitHubContext; checkRun: CheckRun; deps: AppDependencies },
  kind: ReviewOutcome["kind"],
  output: CheckRunOutput,
  conclusion: Conclusion,
): Promise<ReviewOutcome> {
  await completeCheckRunSurely(gh, checkRun, output, conclusion, deps.completionRetryDelaysMs);
  gh.log.info({ checkRunId: checkRun.id, conclusion, outcome: kind }, "check run completed");
  return { kind, conclusion, title: output.title };
}

/** Step 7: `always` creates the comment; `on-change` only when something changed; an existing one is always kept current. */
async function publishComment(
  gh: GitHubContext,
  pr: PullRequestRef,
  review: ReviewJobResult,
  config: Config,
  context: { identity: AppIdentity; guard: HeadGuard; deps: AppDependencies },
): Promise<StickyResult | "off"> {
  if (config.comment === "never") return "off";
  const result = await publishStickyComment(
    gh,
    pr.number,
    context.deps.engine.commentMarker,
    review.comment,
    {
      create: config.comment === "always" || review.changed,
      identity: context.identity,
      beforeWrite: () => context.guard.ensureCurrent(),
    },
  );
  gh.log.info({ comment: result }, "sticky comment");
  return result;
}

/**
 * A pull request that no longer changes manifests must not keep showing an old review. Returns
 * whether the comment was rewritten.
 */
async function refreshStaleComment(
  gh: GitHubContext,
  pr: PullRequestRef,
  config: Config,
  deps: AppDependencies,
  identity: AppIdentity,
  guard: HeadGuard,
): Promise<boolean> {
  if (config.comment === "never") return false;
  const existing = await findStickyComment(gh, pr.number, deps.engine.commentMarker, identity);
  if (!existing) return false;
  const body = noManifestChangesComment(deps.engine.commentMarker);
  if (existing.body === body) return false;
  await guard.ensureCurrent();
  await gh.octokit.rest.issues.updateComment({
    owner: gh.owner,
    repo: gh.repo,
    comment_id: existing.id,
    body,
  });
  return true;
}
