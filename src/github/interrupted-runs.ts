import type { Probot } from "probot";
import { describeError, loggableError } from "./errors.js";
import { forEachLimited } from "./for-each-limited.js";
import { CHECK_NAME } from "./publish/check-run.js";
import { interruptedOutput } from "./publish/status-outputs.js";

/** Repositories and pull requests looked at concurrently. */
const CONCURRENCY = 4;

/**
 * On start: this app's `netpol-review` runs still `in_progress` on the heads of open pull requests
 * and started longer ago than a review may take are left from a process that died (a crash, a
 * SIGKILL): they are completed as `cancelled`, saying how to re-run them. GitHub offers no search
 * of check runs by status, so the walk is installations → repositories → open pull requests →
 * the head's runs of this app. Younger runs may belong to another replica still working on them.
 */
export async function completeInterruptedRuns(
  app: Probot,
  options: { readonly appId: number; readonly olderThanMs: number; readonly now?: () => number },
): Promise<{ completed: number }> {
  const now = options.now ?? Date.now;
  const cutoff = now() - options.olderThanMs;
  const appClient = await app.auth();
  const installations = await appClient.paginate(appClient.rest.apps.listInstallations, { per_page: 100 });
  let completed = 0;
  for (const installation of installations) {
    const octokit = await app.auth(installation.id);
    const repositories = await octokit.paginate(octokit.rest.apps.listReposAccessibleToInstallation, {
      per_page: 100,
    });
    await forEachLimited(repositories, CONCURRENCY, async (repository) => {
      const owner = repository.owner.login;
      const repo = repository.name;
      try {
        const pulls = await octokit.paginate(octokit.rest.pulls.list, {
          owner,
          repo,
          state: "open",
          per_page: 100,
        });
        for (const pull of pulls) {
          const { data } = await octokit.rest.checks.listForRef({
            owner,
            repo,
            ref: pull.head.sha,
            check_name: CHECK_NAME,
            status: "in_progress",
            app_id: options.appId,
            per_page: 100,
          });
          for (const run of data.check_runs) {
            if (run.app?.id !== options.appId) continue;
            const started = run.started_at ? Date.parse(run.started_at) : Number.NaN;
            if (!(started < cutoff)) continue;
            const { title, summary } = interruptedOutput();
            await octokit.rest.checks.update({
              owner,
              repo,
              check_run_id: run.id,
              status: "completed",
              conclusion: "cancelled",
              output: { title, summary },
            });
            completed++;
          }
        }
      } catch (error) {
        app.log.warn(
          { error: loggableError(error), repository: `${owner}/${repo}` },
          `could not look for interrupted check runs: ${describeError(error)}`,
        );
      }
    });
  }
  return { completed };
}
