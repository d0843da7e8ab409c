import type { GitHubContext, PullRequestRef } from "../github-context.js";

/**
 * The pull request's head as GitHub has it now. A review of an older head must not overwrite
 * what the review of the newer one publishes.
 */
export async function currentHead(gh: GitHubContext, pullNumber: number): Promise<string> {
  const { data } = await gh.octokit.rest.pulls.get({
    owner: gh.owner,
    repo: gh.repo,
    pull_number: pullNumber,
  });
  return data.head.sha;
}

/** The pull request's head moved away from the commit under review. */
export class SupersededError extends Error {
  override readonly name = "SupersededError";
  constructor(
    readonly reviewedSha: string,
    readonly currentSha: string,
  ) {
    super(`the pull request's head moved from ${reviewedSha} to ${currentSha}`);
  }
}

/**
 * Step 6, before every write: is the commit under review still the pull request's head? Asked
 * right before the sticky comment, the inline review and the completed check are written, so that
 * a push during the review stops it from publishing anything more.
 */
export class HeadGuard {
  constructor(
    private readonly gh: GitHubContext,
    private readonly pr: PullRequestRef,
  ) {}

  /** Throws `SupersededError` when the head moved. */
  async ensureCurrent(): Promise<void> {
    const headSha = await currentHead(this.gh, this.pr.number);
    if (headSha !== this.pr.headSha) throw new SupersededError(this.pr.headSha, headSha);
  }
}
