import type { ApplicationFunction, Context, Probot } from "probot";
import type { AppDependencies } from "./dependencies.js";
import type { GitHubContext, PullRequestRef } from "./github-context.js";
import { CHECK_NAME } from "./publish/check-run.js";
import { FINDING_MARKER } from "./publish/review-comments.js";
import { answerCommands, REPLY_MARKER } from "./runners/command-runner.js";
import { rerunCheck, rerunSuite } from "./runners/rerequest-runner.js";
import { runReview } from "./runners/review-runner.js";

// This file only wires events to runners and filters out the ones to ignore. Logic lives in
// the runners and the steps they call. The process around it (server, limits, signals) is
// `main.ts`.

/** The app, built from its dependencies (tests pass a fake engine). */
export function createApp(deps: AppDependencies): ApplicationFunction {
  return (app: Probot) => {
    app.on(
      [
        "pull_request.opened",
        "pull_request.synchronize",
        "pull_request.reopened",
        "pull_request.ready_for_review",
        "pull_request.edited",
      ],
      once(deps, async (context) => {
        // An edit matters only when it moved the pull request to another base branch.
        if (context.payload.action === "edited" && !context.payload.changes.base) return;
        await runReview(gitHub(context), pullRequestRef(context.payload.pull_request), deps);
      }),
    );

    app.on(
      "issue_comment.created",
      once(deps, async (context) => {
        const { issue, comment, sender } = context.payload;
        if (!issue.pull_request) return; // a plain issue
        if (sender.type === "Bot" || comment.user?.type === "Bot") return; // bots, this app included
        if (comment.body.includes(REPLY_MARKER) || comment.body.includes(FINDING_MARKER)) return;
        if (comment.body.includes(deps.engine.commentMarker)) return;
        await answerCommands(
          gitHub(context),
          issue.number,
          { id: comment.id, body: comment.body, author: sender.login },
          deps,
        );
      }),
    );

    app.on(
      "check_run.rerequested",
      once(deps, async (context) => {
        const run = context.payload.check_run;
        if (run.name !== CHECK_NAME) return;
        await rerunCheck(
          gitHub(context),
          {
            headSha: run.head_sha,
            externalId: run.external_id ?? null,
            pullNumbers: run.pull_requests.map((p) => p.number),
          },
          deps,
        );
      }),
    );

    app.on(
      "check_suite.rerequested",
      once(deps, async (context) => {
        const suite = context.payload.check_suite;
        // GitHub sends a suite's rerequest to the app that owns the suite; the check guards a mix-up.
        if (deps.appId !== undefined && suite.app?.id !== deps.appId) return;
        await rerunSuite(
          gitHub(context),
          { id: suite.id, headSha: suite.head_sha, pullNumbers: suite.pull_requests.map((p) => p.number) },
          deps,
        );
      }),
    );
  };
}

/**
 * A handler that runs once per `X-GitHub-Delivery`: a redelivery of a delivery already handled
 * (or being handled) is logged and ignored; one whose handling failed is handled again.
 */
function once<E extends Context>(
  deps: AppDependencies,
  handler: (context: E) => Promise<void>,
): (context: E) => Promise<void> {
  return async (context) => {
    if (!deps.deliveries.claim(context.id)) {
      context.log.info({ deliveryId: context.id }, "delivery already handled: ignored");
      return;
    }
    try {
      await handler(context);
    } catch (error) {
      deps.deliveries.release(context.id);
      throw error;
    }
  };
}

/**
 * For `probot run` (the first registration of the app, and local development): the same app on
 * Probot's own server. Production runs `main.ts`, which adds the limits Probot's server lacks.
 */
const netpolReview: ApplicationFunction = async (app, options) => {
  const { startApp } = await import("./start-app.js");
  await startApp(app, options);
};
export default netpolReview;

type RepositoryEvent = Context<"pull_request" | "issue_comment" | "check_run" | "check_suite">;

function gitHub(context: RepositoryEvent): GitHubContext {
  const { owner, repo } = context.repo();
  return {
    octokit: context.octokit,
    owner,
    repo,
    repositoryUrl: context.payload.repository.html_url,
    log: context.log,
    deliveryId: context.id,
  };
}

function pullRequestRef(pr: Context<"pull_request">["payload"]["pull_request"]): PullRequestRef {
  return {
    number: pr.number,
    headSha: pr.head.sha,
    headRef: pr.head.ref,
    baseSha: pr.base.sha,
    baseRef: pr.base.ref,
    htmlUrl: pr.html_url,
    changedFiles: pr.changed_files,
    ...(pr.user?.login ? { author: pr.user.login } : {}),
  };
}
