import type { ManifestTree } from "../../model/tree.js";
import type { ReviewEngine } from "../engine.js";
import {
  DEFAULT_FETCH_LIMITS,
  type FetchCaches,
  type FetchLimits,
  type FetchStats,
  fetchManifestFiles,
} from "../fetch/manifest-files.js";
import type { GitHubContext } from "../github-context.js";
import type { Revisions } from "./resolve-revisions.js";

export interface Trees {
  readonly base: ManifestTree;
  readonly head: ManifestTree;
}

/**
 * Step 4. The manifests at the merge base and at the head, loaded into the model. The head is
 * fetched first: most of the merge base's blobs are then already in the cache.
 */
export async function fetchTrees(
  gh: GitHubContext,
  revisions: Revisions,
  isManifest: (path: string) => boolean,
  engine: ReviewEngine,
  caches: FetchCaches,
  limits: FetchLimits = DEFAULT_FETCH_LIMITS,
): Promise<Trees> {
  const stats: FetchStats = { treeCalls: 0, blobCalls: 0, archiveCalls: 0, cachedBlobs: 0 };
  const headFiles = await fetchManifestFiles(gh, revisions.head.sha, isManifest, caches, limits, stats);
  const baseFiles =
    revisions.base.sha === revisions.head.sha
      ? headFiles
      : await fetchManifestFiles(gh, revisions.base.sha, isManifest, caches, limits, stats);
  gh.log.info(
    {
      ...stats,
      baseFiles: baseFiles.length,
      headFiles: headFiles.length,
      base: revisions.base.sha,
      head: revisions.head.sha,
    },
    "fetched manifests",
  );
  return { base: engine.loadManifests(baseFiles), head: engine.loadManifests(headFiles) };
}
