import type { GitHubContext, PullRequestRef } from "../github-context.js";

/** A pull request by number, as it is now (comments and re-runs do not carry its head). */
export async function fetchPullRequest(gh: GitHubContext, pullNumber: number): Promise<PullRequestRef> {
  const { data } = await gh.octokit.rest.pulls.get({
    owner: gh.owner,
    repo: gh.repo,
    pull_number: pullNumber,
  });
  return {
    number: data.number,
    headSha: data.head.sha,
    headRef: data.head.ref,
    baseSha: data.base.sha,
    baseRef: data.base.ref,
    htmlUrl: data.html_url,
    ...(data.user?.login ? { author: data.user.login } : {}),
    ...(typeof data.changed_files === "number" ? { changedFiles: data.changed_files } : {}),
  };
}
