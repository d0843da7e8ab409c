import type { Logger, ProbotOctokit } from "probot";

/** What every step needs to talk to one repository on behalf of one webhook delivery. */
export interface GitHubContext {
  readonly octokit: ProbotOctokit;
  readonly owner: string;
  readonly repo: string;
  /** The repository's web page (`https://github.example.com/owner/repo`), for links in text. */
  readonly repositoryUrl: string;
  /** Carries the delivery id (Probot's event logger); errors are also logged with `deliveryId`. */
  readonly log: Logger;
  /** The `X-GitHub-Delivery` id of the webhook being handled. */
  readonly deliveryId: string;
}

/** A pull request as the review needs it, whichever event named it. */
export interface PullRequestRef {
  readonly number: number;
  readonly headSha: string;
  /** The head branch, shown as the head revision's name. */
  readonly headRef: string;
  readonly baseSha: string;
  /** The base branch, where the configuration is read. */
  readonly baseRef: string;
  readonly htmlUrl: string;
  /** The login of whoever opened the pull request, when the event or the API gave it. */
  readonly author?: string;
  /** The pull request's count of changed files (`changed_files`), when the event or the API gave it. */
  readonly changedFiles?: number;
}
