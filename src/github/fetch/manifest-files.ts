import type { ManifestPaths } from "../../config/globs.js";
import { DEFAULT_MAX_FILE_BYTES } from "../../manifests/load.js";
import { LruCache } from "../../manifests/lru-cache.js";
import type { SourceFile } from "../../manifests/source-file.js";
import { ReviewError } from "../errors.js";
import { forEachLimited } from "../for-each-limited.js";
import type { GitHubContext } from "../github-context.js";
import { gitBlobSha } from "./git-blob-sha.js";
import { readTarball } from "./tarball.js";

/** A file of a commit's tree, as `GET /git/trees/{sha}` lists it. */
export interface TreeFile {
  readonly path: string;
  /** The blob's SHA; for a submodule, the commit it points to. */
  readonly sha: string;
  readonly size: number;
  /** A regular file (`100644`, `100755`), a symbolic link (`120000`) or a submodule (`160000`). */
  readonly kind: "file" | "symlink" | "submodule";
}

/**
 * Content-addressed caches shared by every review the process runs. A blob SHA names its content
 * and a commit SHA its tree, so entries never go stale; only memory bounds them.
 */
export interface FetchCaches {
  /** Blob SHA → UTF-8 content. */
  readonly blobs: LruCache<string, string>;
  /** `owner/repo@commit` → the commit's regular files (complete listings only). */
  readonly trees: LruCache<string, readonly TreeFile[]>;
}

export interface FetchLimits {
  /** Files larger than this are reported by the loader and not fetched. */
  readonly maxFileBytes: number;
  /** More blobs to fetch than this for one commit: download the commit's archive instead (one call). */
  readonly maxBlobCalls: number;
  /**
   * When the tree listing is complete and the repository's files add up to more than this, the
   * archive is not downloaded to save requests: the missing blobs are fetched one by one.
   */
  readonly maxArchiveBytes: number;
  /**
   * The manifest content kept from one archive may add up to this much; past it the review fails,
   * asking to narrow `manifests.include`. The rest of the archive streams past and is not kept.
   */
  readonly maxArchiveKeptBytes: number;
  /** Blob requests in flight at once. */
  readonly blobConcurrency: number;
}

export const DEFAULT_FETCH_LIMITS: FetchLimits = {
  maxFileBytes: DEFAULT_MAX_FILE_BYTES,
  maxBlobCalls: 4,
  maxArchiveBytes: 256 * 1024 * 1024,
  maxArchiveKeptBytes: 128 * 1024 * 1024,
  blobConcurrency: 8,
};

/** Bounds the caches by size: 128 MB of blob content, 500,000 tree entries (about 100 MB). */
export function createFetchCaches(options: { blobBytes?: number; treeEntries?: number } = {}): FetchCaches {
  return {
    blobs: new LruCache<string, string>(options.blobBytes ?? 128 * 1024 * 1024, (content) => content.length),
    trees: new LruCache<string, readonly TreeFile[]>(options.treeEntries ?? 500_000, (files) =>
      Math.max(1, files.length),
    ),
  };
}

/** What one commit's fetch cost, for the logs (and the API budget tests). */
export interface FetchStats {
  treeCalls: number;
  blobCalls: number;
  archiveCalls: number;
  cachedBlobs: number;
}

const SYMLINK_MODE = "120000";

/**
 * The manifests of one commit: the tree listing (one call, cached per commit), then the content
 * of every manifest blob not already in the cache, fetched one by one when there are few and
 * through the commit's tarball when there are many, so that a cold review of a large repository
 * costs a handful of calls and a later push only fetches the blobs it changed.
 *
 * Every file analysed is exactly the tree's blob: archive entries are checked against the blob
 * SHA the tree lists, and whatever the archive lacks or altered (`export-ignore`,
 * `export-subst` in `.gitattributes`) is fetched by SHA. When GitHub truncates the recursive
 * listing, the tree is listed directory by directory instead, entering only the directories
 * the globs can match. Manifest paths that cannot be read (symbolic links, submodules, files
 * over the size limit) are returned `unreadable`, so that the review says so.
 */
export async function fetchManifestFiles(
  gh: GitHubContext,
  commitSha: string,
  paths: ManifestPaths,
  caches: FetchCaches,
  limits: FetchLimits = DEFAULT_FETCH_LIMITS,
  stats: FetchStats = { treeCalls: 0, blobCalls: 0, archiveCalls: 0, cachedBlobs: 0 },
): Promise<SourceFile[]> {
  const listed = await treeFiles(gh, commitSha, caches, stats);
  const listing = listed === "truncated" ? await walkTree(gh, commitSha, paths, limits, stats) : listed;

  const selected = listing.filter(
    (file) => paths.isManifest(file.path) || (file.kind === "submodule" && paths.mayHoldManifests(file.path)),
  );
  const manifests = selected.filter((file) => file.kind === "file");
  const contents = new Map<string, string>();
  const missing = new Map<string, TreeFile>();
  for (const file of manifests) {
    if (file.size > limits.maxFileBytes || contents.has(file.sha) || missing.has(file.sha)) continue;
    const cached = caches.blobs.get(file.sha);
    if (cached === undefined) missing.set(file.sha, file);
    else {
      contents.set(file.sha, cached);
      stats.cachedBlobs++;
    }
  }

  // A walked listing holds only the directories the globs can match: the repository is larger
  // than the listing says, and too large to list at all, so the archive is worth it.
  const repositoryBytes = listing.reduce((sum, file) => sum + file.size, 0);
  if (
    missing.size > limits.maxBlobCalls &&
    (listed === "truncated" || repositoryBytes <= limits.maxArchiveBytes)
  ) {
    const wantedPaths = new Set([...missing.values()].map((file) => file.path));
    for (const found of await archiveFiles(gh, commitSha, (path) => wantedPaths.has(path), limits, stats)) {
      if (found.content === null || !missing.has(found.sha)) continue;
      missing.delete(found.sha);
      contents.set(found.sha, found.content);
      caches.blobs.set(found.sha, found.content);
    }
  }

  // Whatever the archive did not hold as listed (export-ignore, export-subst) is fetched by SHA.
  await forEachLimited([...missing.keys()], limits.blobConcurrency, async (sha) => {
    const content = await blobContent(gh, sha, stats);
    contents.set(sha, content);
    caches.blobs.set(sha, content);
  });

  return selected.map((file) => {
    const unreadable = unreadableReason(file, limits);
    if (unreadable !== undefined) return { path: file.path, size: file.size, content: null, unreadable };
    return { path: file.path, size: file.size, content: contents.get(file.sha) ?? null };
  });
}

function unreadableReason(file: TreeFile, limits: FetchLimits): string | undefined {
  const id = file.sha.slice(0, 7);
  if (file.kind === "symlink") return `a symbolic link (blob ${id}), which the review does not follow`;
  if (file.kind === "submodule")
    return `a submodule (at commit ${id}), whose files live in another repository`;
  if (file.size > limits.maxFileBytes)
    return `${file.size} bytes (blob ${id}), larger than the ${limits.maxFileBytes}-byte limit`;
  return undefined;
}

async function treeFiles(
  gh: GitHubContext,
  commitSha: string,
  caches: FetchCaches,
  stats: FetchStats,
): Promise<readonly TreeFile[] | "truncated"> {
  const key = `${gh.owner}/${gh.repo}@${commitSha}`;
  const cached = caches.trees.get(key);
  if (cached) return cached;
  stats.treeCalls++;
  // A commit SHA is accepted where a tree SHA is expected: it names the commit's root tree.
  const { data } = await gh.octokit.rest.git.getTree({
    owner: gh.owner,
    repo: gh.repo,
    tree_sha: commitSha,
    recursive: "true",
  });
  if (data.truncated) return "truncated";
  const files = data.tree
    .map((entry) => treeFile(entry, ""))
    .filter((file): file is TreeFile => file !== undefined)
    .sort(byPath);
  caches.trees.set(key, files);
  return files;
}

interface TreeEntry {
  readonly path?: string;
  readonly mode?: string;
  readonly type?: string;
  readonly sha?: string;
  readonly size?: number;
}

/** A listed entry as a file, or `undefined` for a directory. */
function treeFile(entry: TreeEntry, directory: string): TreeFile | undefined {
  if (!entry.path || !entry.sha) return undefined;
  const path = directory === "" ? entry.path : `${directory}/${entry.path}`;
  if (entry.type === "commit") return { path, sha: entry.sha, size: 0, kind: "submodule" };
  if (entry.type !== "blob") return undefined;
  return {
    path,
    sha: entry.sha,
    size: entry.size ?? 0,
    kind: entry.mode === SYMLINK_MODE ? "symlink" : "file",
  };
}

function byPath(a: TreeFile, b: TreeFile): number {
  return a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
}

/**
 * A tree too large for one recursive listing (over 100,000 entries or 7 MB), listed a directory
 * at a time from the root, entering only the directories that may hold manifests: each
 * directory is first listed recursively (one call for the whole subtree), and only one too
 * large for that is listed on its own and its subdirectories entered in turn. Not cached: what
 * it lists depends on the globs.
 */
async function walkTree(
  gh: GitHubContext,
  commitSha: string,
  paths: ManifestPaths,
  limits: FetchLimits,
  stats: FetchStats,
): Promise<TreeFile[]> {
  gh.log.info({ commitSha }, "tree listing truncated by GitHub; listing the manifest directories one by one");
  const files: TreeFile[] = [];
  const list = async (sha: string, recursive: boolean) => {
    stats.treeCalls++;
    const { data } = await gh.octokit.rest.git.getTree({
      owner: gh.owner,
      repo: gh.repo,
      tree_sha: sha,
      ...(recursive ? { recursive: "true" } : {}),
    });
    return data;
  };
  // The root is known to be too large for a recursive listing.
  let level: { readonly sha: string; readonly path: string; readonly whole: boolean }[] = [
    { sha: commitSha, path: "", whole: false },
  ];
  while (level.length > 0) {
    const next: { sha: string; path: string; whole: boolean }[] = [];
    await forEachLimited(level, limits.blobConcurrency, async (directory) => {
      if (directory.whole) {
        const subtree = await list(directory.sha, true);
        if (!subtree.truncated) {
          for (const entry of subtree.tree) {
            const file = treeFile(entry, directory.path);
            if (file) files.push(file);
          }
          return;
        }
      }
      const data = await list(directory.sha, false);
      if (data.truncated)
        throw new ReviewError(
          `the directory ${directory.path === "" ? "at the repository's root" : directory.path} of ${commitSha} has too many entries for GitHub to list; narrow manifests.include in the configuration`,
        );
      for (const entry of data.tree) {
        if (entry.type === "tree" && entry.path && entry.sha) {
          const path = directory.path === "" ? entry.path : `${directory.path}/${entry.path}`;
          if (paths.mayHoldManifests(path)) next.push({ sha: entry.sha, path, whole: true });
          continue;
        }
        const file = treeFile(entry, directory.path);
        if (file) files.push(file);
      }
    });
    level = next;
  }
  return files.sort(byPath);
}

interface ArchiveFile {
  readonly path: string;
  readonly size: number;
  /** Empty for a file over `maxFileBytes`, whose content is not read. */
  readonly sha: string;
  readonly content: string | null;
}

/**
 * The wanted files of a commit's archive. The download is streamed into the tar parser, which
 * keeps only the wanted entries (at most `maxArchiveKeptBytes` of them).
 */
async function archiveFiles(
  gh: GitHubContext,
  commitSha: string,
  wanted: (path: string) => boolean,
  limits: FetchLimits,
  stats: FetchStats,
): Promise<ArchiveFile[]> {
  stats.archiveCalls++;
  // The API answers with a redirect to the archive host, which fetch follows. The body is not
  // buffered: it is read as it arrives.
  const { data } = await gh.octokit.rest.repos.downloadTarballArchive({
    owner: gh.owner,
    repo: gh.repo,
    ref: commitSha,
    request: { parseSuccessResponseBody: false },
  });
  const files = await readTarball(archiveBody(data, commitSha), wanted, {
    maxEntryBytes: limits.maxFileBytes,
    maxKeptBytes: limits.maxArchiveKeptBytes,
  });
  return files.map((file) =>
    file.content === null
      ? { path: file.path, size: file.size, sha: "", content: null }
      : {
          path: file.path,
          size: file.size,
          sha: gitBlobSha(file.content),
          content: file.content.toString("utf8"),
        },
  );
}

/** The archive download's body: a web stream (unparsed), or an ArrayBuffer. */
function archiveBody(data: unknown, commitSha: string): Uint8Array | AsyncIterable<Uint8Array> {
  if (Object.prototype.toString.call(data) === "[object ArrayBuffer]")
    return new Uint8Array(data as ArrayBuffer);
  if (data instanceof Uint8Array) return data;
  if (typeof data === "object" && data !== null && Symbol.asyncIterator in data)
    return data as AsyncIterable<Uint8Array>;
  throw new ReviewError(`the archive of ${commitSha} could not be read: GitHub sent no body`);
}

async function blobContent(gh: GitHubContext, sha: string, stats: FetchStats): Promise<string> {
  stats.blobCalls++;
  const { data } = await gh.octokit.rest.git.getBlob({ owner: gh.owner, repo: gh.repo, file_sha: sha });
  return data.encoding === "base64" ? Buffer.from(data.content, "base64").toString("utf8") : data.content;
}
