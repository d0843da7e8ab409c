import { type AppIdentity, isOwnComment } from "../app-identity.js";
import type { GitHubContext } from "../github-context.js";

export interface StickyComment {
  readonly id: number;
  readonly body: string;
}

export type StickyResult = "created" | "updated" | "unchanged" | "absent";

/**
 * The app's comment on the pull request: a comment this app made (see `isOwnComment`) that holds
 * the marker. Pages are read until it is found (it is usually among the first comments, since it
 * is posted on the first push). Another bot's or a person's comment with the marker is not it.
 */
export async function findStickyComment(
  gh: GitHubContext,
  issueNumber: number,
  marker: string,
  identity: AppIdentity,
): Promise<StickyComment | undefined> {
  const pages = gh.octokit.paginate.iterator(gh.octokit.rest.issues.listComments, {
    owner: gh.owner,
    repo: gh.repo,
    issue_number: issueNumber,
    per_page: 100,
  });
  for await (const { data } of pages) {
    const found = data.find((c) => c.body?.includes(marker) && isOwnComment(c, identity));
    if (found) return { id: found.id, body: found.body ?? "" };
  }
  return undefined;
}

export interface StickyOptions {
  /** Whether to create the comment when there is none yet. */
  readonly create: boolean;
  readonly identity: AppIdentity;
  /** Called right before the comment is created or edited (and not when nothing is written). */
  readonly beforeWrite?: () => Promise<void>;
}

/**
 * Edits the sticky comment in place (never a new comment per push), leaves it alone when the
 * body is identical, and creates it only when `create` allows.
 */
export async function publishStickyComment(
  gh: GitHubContext,
  issueNumber: number,
  marker: string,
  body: string,
  options: StickyOptions,
): Promise<StickyResult> {
  const existing = await findStickyComment(gh, issueNumber, marker, options.identity);
  if (existing) {
    if (existing.body === body) return "unchanged";
    await options.beforeWrite?.();
    await gh.octokit.rest.issues.updateComment({
      owner: gh.owner,
      repo: gh.repo,
      comment_id: existing.id,
      body,
    });
    return "updated";
  }
  if (!options.create) return "absent";
  await options.beforeWrite?.();
  await gh.octokit.rest.issues.createComment({
    owner: gh.owner,
    repo: gh.repo,
    issue_number: issueNumber,
    body,
  });
  return "created";
}
