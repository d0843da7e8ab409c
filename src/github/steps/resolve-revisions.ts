import type { Revision } from "../../analysis/review/types.js";
import type { GitHubContext, PullRequestRef } from "../github-context.js";

export interface Revisions {
  /** The merge base of the base branch and the head: what the "Files changed" tab compares with. */
  readonly base: Revision & { readonly sha: string };
  readonly head: Revision & { readonly sha: string };
}

/**
 * Step 3. The two commits the review compares: the merge base and the head, so that the review
 * shows the pull request's own change, not what the base branch did since.
 */
export async function resolveRevisions(gh: GitHubContext, pr: PullRequestRef): Promise<Revisions> {
  const { data } = await gh.octokit.rest.repos.compareCommitsWithBasehead({
    owner: gh.owner,
    repo: gh.repo,
    basehead: `${pr.baseSha}...${pr.headSha}`,
    // Only the merge base is needed: keep the commit list of the answer short.
    per_page: 1,
  });
  const mergeBase = data.merge_base_commit.sha;
  return {
    base: { label: `merge base with ${pr.baseRef}`, sha: mergeBase },
    head: { label: pr.headRef, sha: pr.headSha },
  };
}
