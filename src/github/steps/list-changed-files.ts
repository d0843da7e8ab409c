import type { ManifestPaths } from "../../config/globs.js";
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

/** GitHub's "list pull request files" returns at most this many files, whatever the pagination. */
export const MAX_LISTED_FILES = 3000;

export interface ChangedFiles {
  readonly files: readonly ChangedFile[];
  /**
   * False when the list may leave files out: it reached GitHub's limit, or the pull request
   * counts more changed files (`changed_files`) than were listed.
   */
  readonly complete: boolean;
  /** The pull request's own count of changed files, when known. */
  readonly total?: number;
}

/**
 * Step 2. The files the pull request changes (100 per page; GitHub lists up to 3,000), and
 * whether that is all of them. `changedFiles` is the pull request's `changed_files`.
 */
export async function listChangedFiles(
  gh: GitHubContext,
  pullNumber: number,
  changedFiles?: number,
): Promise<ChangedFiles> {
  const listed = await gh.octokit.paginate(gh.octokit.rest.pulls.listFiles, {
    owner: gh.owner,
    repo: gh.repo,
    pull_number: pullNumber,
    per_page: 100,
  });
  const files = listed.map((file) => ({
    path: file.filename,
    ...(file.previous_filename ? { previousPath: file.previous_filename } : {}),
    status: file.status,
    ...(file.patch !== undefined ? { patch: file.patch } : {}),
  }));
  const complete =
    files.length < MAX_LISTED_FILES && (changedFiles === undefined || files.length >= changedFiles);
  return { files, complete, ...(changedFiles !== undefined ? { total: changedFiles } : {}) };
}

/**
 * Whether any changed file (or its old name) is a manifest, or is a submodule where manifests
 * may live (GitHub shows a submodule's change as a `Subproject commit` patch): the review then
 * says it could not read it.
 */
export function touchesManifests(files: readonly ChangedFile[], paths: ManifestPaths): boolean {
  return files.some(
    (file) =>
      paths.isManifest(file.path) ||
      (file.previousPath !== undefined && paths.isManifest(file.previousPath)) ||
      (isSubmoduleChange(file) && paths.mayHoldManifests(file.path)),
  );
}

function isSubmoduleChange(file: ChangedFile): boolean {
  return file.patch !== undefined && /^[-+]Subproject commit [0-9a-f]{40}$/m.test(file.patch);
}
