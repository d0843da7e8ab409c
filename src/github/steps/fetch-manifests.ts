import type { ManifestPaths } from "../../config/globs.js";
import type { SourceFile } from "../../manifests/source-file.js";
import {
  DEFAULT_FETCH_LIMITS,
  type FetchCaches,
  type FetchLimits,
  type FetchStats,
  fetchManifestFiles,
} from "../fetch/manifest-files.js";
import type { GitHubContext } from "../github-context.js";
import type { Revisions } from "./resolve-revisions.js";

export interface ManifestSources {
  readonly base: readonly SourceFile[];
  readonly head: readonly SourceFile[];
}

/**
 * Step 4. The manifest files at the merge base and at the head, as text (loading them into the
 * model is the engine job's first step, off this thread). The head is fetched first: most of the
 * merge base's blobs are then already in the cache.
 */
export async function fetchManifests(
  gh: GitHubContext,
  revisions: Revisions,
  paths: ManifestPaths,
  caches: FetchCaches,
  limits: FetchLimits = DEFAULT_FETCH_LIMITS,
): Promise<ManifestSources> {
  const stats: FetchStats = { treeCalls: 0, blobCalls: 0, archiveCalls: 0, cachedBlobs: 0 };
  const head = await fetchManifestFiles(gh, revisions.head.sha, paths, caches, limits, stats);
  const base =
    revisions.base.sha === revisions.head.sha
      ? head
      : await fetchManifestFiles(gh, revisions.base.sha, paths, caches, limits, stats);
  gh.log.info(
    {
      ...stats,
      baseFiles: base.length,
      headFiles: head.length,
      base: revisions.base.sha,
      head: revisions.head.sha,
    },
    "fetched manifests",
  );
  return { base, head };
}
