import type { GitHubContext } from "../github-context.js";

/** A file of the pull request's "Files changed" tab. */
export interface ChangedFile {
  readonly path: string;
  /** The old path of a renamed file. */
  readonly previousPath?: string;
  readonly status: string;
  /** The unified diff; absent for binary files and diffs GitHub considers too large. */
  readonly patch?: string;
}

/** Step 2. Every file the pull request changes (100 per page; GitHub lists up to 3,000). */
export async function listChangedFiles(gh: GitHubContext, pullNumber: number): Promise<ChangedFile[]> {
  const files = await gh.octokit.paginate(gh.octokit.rest.pulls.listFiles, {
    owner: gh.owner,
    repo: gh.repo,
    pull_number: pullNumber,
    per_page: 100,
  });
  return files.map((file) => ({
    path: file.filename,
    ...(file.previous_filename ? { previousPath: file.previous_filename } : {}),
    status: file.status,
    ...(file.patch !== undefined ? { patch: file.patch } : {}),
  }));
}

/** Whether any changed file (or its old name) is a manifest. */
export function touchesManifests(
  files: readonly ChangedFile[],
  isManifest: (path: string) => boolean,
): boolean {
  return files.some(
    (file) => isManifest(file.path) || (file.previousPath !== undefined && isManifest(file.previousPath)),
  );
}
