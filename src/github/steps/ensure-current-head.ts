import type { GitHubContext, PullRequestRef } from "../github-context.js";

/**
 * Step 6. The pull request's head as GitHub has it now. A review of an older head must not
 * overwrite what the review of the newer one publishes.
 */
export async function currentHead(gh: GitHubContext, pullNumber: number): Promise<string> {
  const { data } = await gh.octokit.rest.pulls.get({
    owner: gh.owner,
    repo: gh.repo,
    pull_number: pullNumber,
  });
  return data.head.sha;
}

export async function isCurrentHead(
  gh: GitHubContext,
  pr: PullRequestRef,
): Promise<{ current: boolean; headSha: string }> {
  const headSha = await currentHead(gh, pr.number);
  return { current: headSha === pr.headSha, headSha };
}
