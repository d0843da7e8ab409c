import type { AppDependencies } from "../dependencies.js";
import { describeError } from "../errors.js";
import type { GitHubContext, PullRequestRef } from "../github-context.js";
import { completeCheckRun, createCheckRun } from "../publish/check-run.js";
import { errorOutput } from "../publish/status-outputs.js";
import { type ReviewOutcome, reviewPullRequest } from "../review-pull-request.js";

/**
 * Runs the review of a pull request's head under a `netpol-review` check run, and turns any
 * error into a completed check run with an explanation: nothing is left `in_progress`. The error
 * is logged with the delivery id. Only when even completing the check fails is it rethrown
 * (Probot then logs it and answers the delivery with an error status).
 */
export async function runReview(
  gh: GitHubContext,
  pr: PullRequestRef,
  deps: AppDependencies,
): Promise<ReviewOutcome> {
  let checkRun: Awaited<ReturnType<typeof createCheckRun>>;
  try {
    checkRun = await createCheckRun(gh, pr);
  } catch (error) {
    // Without a check run there is nowhere to show the failure but the logs (and the delivery's status).
    gh.log.error(
      { err: error, deliveryId: gh.deliveryId, pullRequest: pr.number, headSha: pr.headSha },
      `could not create the check run: ${describeError(error)}`,
    );
    throw error;
  }
  try {
    return await reviewPullRequest(gh, pr, checkRun, deps);
  } catch (error) {
    const description = describeError(error);
    gh.log.error(
      {
        err: error,
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
        { err: completing, deliveryId: gh.deliveryId, checkRunId: checkRun.id },
        `could not complete the check run after the failure: ${describeError(completing)}`,
      );
      throw error;
    }
    return { kind: "error", conclusion: "failure", title: description };
  }
}
