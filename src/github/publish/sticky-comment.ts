import type { GitHubContext } from "../github-context.js";

export interface StickyComment {
  readonly id: number;
  readonly body: string;
}

export type StickyResult = "created" | "updated" | "unchanged" | "absent";

/**
 * The app's comment on the pull request, found by its marker. Pages are read until it is found
 * (it is usually among the first comments, since it is posted on the first push).
 */
export async function findStickyComment(
  gh: GitHubContext,
  issueNumber: number,
  marker: string,
): Promise<StickyComment | undefined> {
  const pages = gh.octokit.paginate.iterator(gh.octokit.rest.issues.listComments, {
    owner: gh.owner,
    repo: gh.repo,
    issue_number: issueNumber,
    per_page: 100,
  });
  for await (const { data } of pages) {
    const found = data.find((c) => c.user?.type === "Bot" && c.body?.includes(marker));
    if (found) return { id: found.id, body: found.body ?? "" };
  }
  return undefined;
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
  create: boolean,
): Promise<StickyResult> {
  const existing = await findStickyComment(gh, issueNumber, marker);
  if (existing) {
    if (existing.body === body) return "unchanged";
    await gh.octokit.rest.issues.updateComment({
      owner: gh.owner,
      repo: gh.repo,
      comment_id: existing.id,
      body,
    });
    return "updated";
  }
  if (!create) return "absent";
  await gh.octokit.rest.issues.createComment({
    owner: gh.owner,
    repo: gh.repo,
    issue_number: issueNumber,
    body,
  });
  return "created";
}
