import type { AppDependencies } from "../dependencies.js";
import { describeError, loggableError, sanitizedError } from "../errors.js";
import type { GitHubContext, PullRequestRef } from "../github-context.js";
import { pullRequestKey } from "../keyed-queue.js";
import { type CheckRun, completeCheckRunSurely, createCheckRun } from "../publish/check-run.js";
import { errorOutput, limitOutput } from "../publish/status-outputs.js";
import { type ReviewOutcome, reviewPullRequest } from "../review-pull-request.js";
import { StoppingError } from "../shutdown.js";
import { EngineLimitError } from "../workers/worker-pool.js";

/**
 * Runs the review of a pull request's head under a `netpol-review` check run, and turns any
 * error into a completed check run with an explanation: nothing is left `in_progress`. The error
 * is logged with the delivery id. Only when even completing the check fails, after retries, is it
 * rethrown (Probot then logs it and answers the delivery with an error status); the run then
 * stays registered, and is cancelled when the process stops.
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
    checkRun = await deps.openRuns.create(gh, () => createCheckRun(gh, pr));
  } catch (error) {
    if (error instanceof StoppingError) return stoppedOutcome();
    // Without a check run there is nowhere to show the failure but the logs (and the delivery's status).
    gh.log.error(
      { error: loggableError(error), deliveryId: gh.deliveryId, pullRequest: pr.number, headSha: pr.headSha },
      `could not create the check run: ${describeError(error)}`,
    );
    throw sanitizedError(error);
  }
  return deps.reviews.run(pullRequestKey(gh.owner, gh.repo, pr.number), () =>
    reviewAndReport(gh, pr, checkRun, deps),
  );
}

async function reviewAndReport(
  gh: GitHubContext,
  pr: PullRequestRef,
  checkRun: CheckRun,
  deps: AppDependencies,
): Promise<ReviewOutcome> {
  // Cancelled while it waited for another review of the pull request.
  if (deps.openRuns.stopping) return stoppedOutcome();
  try {
    const outcome = await reviewPullRequest(gh, pr, checkRun, deps);
    deps.openRuns.delete(checkRun);
    return outcome;
  } catch (error) {
    // The shutdown completes the run as cancelled: a failure caused by the stop must not overwrite it.
    if (deps.openRuns.stopping) return stoppedOutcome();
    const description = describeError(error);
    const limited = error instanceof EngineLimitError;
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
    const output = limited ? limitOutput(error) : errorOutput(description, gh.deliveryId);
    try {
      await completeCheckRunSurely(gh, checkRun, output, "failure", deps.completionRetryDelaysMs);
      deps.openRuns.delete(checkRun);
    } catch (completing) {
      gh.log.error(
        { error: loggableError(completing), deliveryId: gh.deliveryId, checkRunId: checkRun.id },
        `could not complete the check run after the failure: ${describeError(completing)}`,
      );
      throw sanitizedError(error);
    }
    return { kind: limited ? "limit" : "error", conclusion: "failure", title: output.title };
  }
}

function stoppedOutcome(): ReviewOutcome {
  return { kind: "stopped", conclusion: "cancelled", title: "Stopped: the app shut down" };
}
