import type { ApplicationFunction, Context, Probot } from "probot";
import type { AppDependencies } from "./dependencies.js";
import type { GitHubContext, PullRequestRef } from "./github-context.js";
import { CHECK_NAME } from "./publish/check-run.js";
import { FINDING_MARKER } from "./publish/review-comments.js";
import { answerCommands, REPLY_MARKER } from "./runners/command-runner.js";
import { rerunCheck } from "./runners/rerequest-runner.js";
import { runReview } from "./runners/review-runner.js";
import { stopOnSignals } from "./shutdown.js";

// This file only wires events to runners and filters out the ones to ignore. Logic lives in
// the runners and the steps they call.

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
      async (context) => {
        // An edit matters only when it moved the pull request to another base branch.
        if (context.payload.action === "edited" && !context.payload.changes.base) return;
        await runReview(gitHub(context), pullRequestRef(context.payload.pull_request), deps);
      },
    );

    app.on("issue_comment.created", async (context) => {
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
    });

    app.on("check_run.rerequested", async (context) => {
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
    });
  };
}

/**
 * The real app, as `probot run` loads it. The engine is imported on first load. On SIGTERM and
 * SIGINT the check runs still open are completed as cancelled before the process exits.
 */
const netpolReview: ApplicationFunction = async (app, options) => {
  const { defaultDependencies } = await import("./default-dependencies.js");
  const deps = defaultDependencies();
  stopOnSignals(process, { openRuns: deps.openRuns, log: app.log, exit: (code) => process.exit(code) });
  await createApp(deps)(app, options);
};
export default netpolReview;

type RepositoryEvent = Context<"pull_request" | "issue_comment" | "check_run">;

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
  };
}
