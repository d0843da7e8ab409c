import type { AppDependencies } from "../dependencies.js";
import { describeError, loggableError, sanitizedError } from "../errors.js";
import type { GitHubContext } from "../github-context.js";
import { CHECK_NAME } from "../publish/check-run.js";
import { errorOutput } from "../publish/status-outputs.js";
import { fetchPullRequest } from "../steps/fetch-pull-request.js";
import { runReview } from "./review-runner.js";

export interface RerequestedCheckRun {
  readonly headSha: string;
  /** The pull request number the app recorded when it created the run. */
  readonly externalId: string | null;
  /** Empty for pull requests from forks. */
  readonly pullNumbers: readonly number[];
}

/**
 * `check_run.rerequested` ("Re-run" on the check): reviews the pull request the run recorded in
 * `external_id` again, at its current head. A run that names no pull request, or one that
 * cannot be read, gets a new failed run on the same commit saying so.
 */
export async function rerunCheck(
  gh: GitHubContext,
  checkRun: RerequestedCheckRun,
  deps: AppDependencies,
): Promise<void> {
  const recorded =
    checkRun.externalId && /^\d+$/.test(checkRun.externalId) ? Number(checkRun.externalId) : undefined;
  const pullNumber = recorded ?? checkRun.pullNumbers[0];
  if (pullNumber === undefined) {
    await failOnCommit(
      gh,
      checkRun.headSha,
      "the check run does not say which pull request it reviewed (it has no external_id and lists no pull request)",
    );
    return;
  }
  let pr: Awaited<ReturnType<typeof fetchPullRequest>>;
  try {
    pr = await fetchPullRequest(gh, pullNumber);
  } catch (error) {
    gh.log.error(
      { error: loggableError(error), deliveryId: gh.deliveryId, pullRequest: pullNumber },
      "cannot read the pull request to re-run",
    );
    await failOnCommit(
      gh,
      checkRun.headSha,
      `cannot read pull request ${pullNumber}: ${describeError(error)}`,
    );
    return;
  }
  await runReview(gh, pr, deps);
}

/**
 * `check_suite.rerequested` ("Re-run all checks"): the app's own check run of the suite says
 * which pull request it reviewed (`external_id`); that pull request is reviewed again. A suite
 * without the app's run falls back on the suite's pull requests (empty for forks).
 */
export async function rerunSuite(
  gh: GitHubContext,
  suite: { readonly id: number; readonly headSha: string; readonly pullNumbers: readonly number[] },
  deps: AppDependencies,
): Promise<void> {
  const { data } = await gh.octokit.rest.checks.listForSuite({
    owner: gh.owner,
    repo: gh.repo,
    check_suite_id: suite.id,
    check_name: CHECK_NAME,
    per_page: 1,
  });
  const recorded = data.check_runs[0]?.external_id ?? null;
  await rerunCheck(
    gh,
    { headSha: suite.headSha, externalId: recorded, pullNumbers: suite.pullNumbers },
    deps,
  );
}

async function failOnCommit(gh: GitHubContext, headSha: string, description: string): Promise<void> {
  gh.log.error({ deliveryId: gh.deliveryId, headSha }, `cannot re-run: ${description}`);
  const { title, summary } = errorOutput(description, gh.deliveryId);
  try {
    await gh.octokit.rest.checks.create({
      owner: gh.owner,
      repo: gh.repo,
      name: CHECK_NAME,
      head_sha: headSha,
      status: "completed",
      conclusion: "failure",
      output: { title, summary },
    });
  } catch (error) {
    // Probot logs what a handler throws in full: hand it only the description.
    throw sanitizedError(error);
  }
}
