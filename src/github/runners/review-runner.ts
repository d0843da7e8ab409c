import type { AppDependencies } from "../dependencies.js";
import { describeError, loggableError, sanitizedError } from "../errors.js";
import type { GitHubContext, PullRequestRef } from "../github-context.js";
import { pullRequestKey } from "../keyed-queue.js";
import { type CheckRun, completeCheckRun, createCheckRun } from "../publish/check-run.js";
import { errorOutput } from "../publish/status-outputs.js";
import { type ReviewOutcome, reviewPullRequest } from "../review-pull-request.js";

/**
 * Runs the review of a pull request's head under a `netpol-review` check run, and turns any
 * error into a completed check run with an explanation: nothing is left `in_progress`. The error
 * is logged with the delivery id. Only when even completing the check fails is it rethrown
 * (Probot then logs it and answers the delivery with an error status).
 *
 * The check run is created as soon as the event arrives; the review itself waits for any other
 * review of the same pull request in this process to finish (a push, a re-run and a
 * `/netpol recheck` arriving together would otherwise publish over each other). Until it is
 * completed, the run is registered in `deps.openRuns`, which cancels it if the process stops.
 */
export async function runReview(
  gh: GitHubContext,
  pr: PullRequestRef,
  deps: AppDependencies,
): Promise<ReviewOutcome> {
  let checkRun: CheckRun;
  try {
    checkRun = await createCheckRun(gh, pr);
  } catch (error) {
    // Without a check run there is nowhere to show the failure but the logs (and the delivery's status).
    gh.log.error(
      { error: loggableError(error), deliveryId: gh.deliveryId, pullRequest: pr.number, headSha: pr.headSha },
      `could not create the check run: ${describeError(error)}`,
    );
    throw sanitizedError(error);
  }
  deps.openRuns.add(gh, checkRun);
  try {
    return await deps.reviews.run(pullRequestKey(gh.owner, gh.repo, pr.number), () =>
      reviewAndReport(gh, pr, checkRun, deps),
    );
  } finally {
    deps.openRuns.delete(checkRun);
  }
}

async function reviewAndReport(
  gh: GitHubContext,
  pr: PullRequestRef,
  checkRun: CheckRun,
  deps: AppDependencies,
): Promise<ReviewOutcome> {
  try {
    return await reviewPullRequest(gh, pr, checkRun, deps);
  } catch (error) {
    const description = describeError(error);
    gh.log.error(
      {
        error: loggableError(error),
        deliveryId: gh.deliveryId,
        pullRequest: pr.number,
        headSha: pr.headSha,
        checkRunId: checkRun.id,
      },
      `review failed: ${description}`,
    );
    try {
      await completeCheckRun(gh, checkRun, errorOutput(description, gh.deliveryId), "failure");
    } catch (completing) {
      gh.log.error(
        { error: loggableError(completing), deliveryId: gh.deliveryId, checkRunId: checkRun.id },
        `could not complete the check run after the failure: ${describeError(completing)}`,
      );
      throw sanitizedError(error);
    }
    return { kind: "error", conclusion: "failure", title: description };
  }
}
