import { createHash } from "node:crypto";
import { unifiedPatch } from "./line-diff.js";
import { tarball } from "./tar.js";

/** One request the app sent, as the tests assert it. */
export interface RecordedRequest {
  readonly method: string;
  /** Path under the API root (no `/api/v3`), URL-decoded, without the query string. */
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  readonly body: unknown;
  readonly host: string;
}

export interface FakeResponse {
  readonly status: number;
  readonly body?: unknown;
  readonly headers?: Record<string, string>;
}

export interface FakePull {
  number: number;
  head: { ref: string; sha: string };
  base: { ref: string; sha: string };
  /** The merge base `compare` answers; the base SHA when not set. */
  mergeBase?: string;
  state: "open" | "closed";
  /** Who opened it; `bob` (the commenter of the event fixtures) when not set. */
  author?: string;
  /** Changed files, computed from merge base → head when not set. */
  files?: { filename: string; status: string; patch?: string; previous_filename?: string }[];
}

export interface FakeComment {
  id: number;
  body: string;
  user: { login: string; type: "User" | "Bot" };
  /** Set on comments an app made (GitHub sets it on issue comments only). */
  performed_via_github_app?: { id: number; slug: string } | null;
}

export interface FakeReviewComment {
  id: number;
  path: string;
  line: number | null;
  body: string;
  commit_id: string;
  user: { login: string; type: "User" | "Bot" };
}

export interface FakeCheckRun {
  id: number;
  name: string;
  head_sha: string;
  status: string;
  conclusion?: string;
  external_id?: string;
  output?: { title?: string; summary?: string; text?: string };
  annotations: unknown[];
  /** ISO 8601; when not set, long ago. */
  started_at?: string;
}

interface Hold {
  readonly method: string;
  readonly path: RegExp;
  readonly arrived: () => void;
  readonly released: Promise<void>;
  used: boolean;
}

interface Failure {
  readonly method: string;
  readonly path: RegExp;
  readonly status: number;
  readonly message?: string;
  readonly headers?: Record<string, string>;
  times: number;
}

export const APP_ID = 123;
export const APP_SLUG = "netpol-review";
export const APP_LOGIN = `${APP_SLUG}[bot]`;
const CONFIG_PATH = ".github/netpol-review.yml";

/**
 * A small, stateful GitHub: commits (file maps), pull requests, comments, reviews, check runs
 * and permissions, answering the REST calls the app makes with recorded-shape payloads. Every
 * request is recorded. Wired into nock for in-process tests, or served over HTTP for the
 * spawned-server test.
 */
export class FakeGitHub {
  readonly requests: RecordedRequest[] = [];
  readonly commits = new Map<string, Record<string, string>>();
  readonly pulls = new Map<number, FakePull>();
  readonly issueComments: FakeComment[] = [];
  readonly reviewComments: FakeReviewComment[] = [];
  readonly reviews: unknown[] = [];
  readonly checkRuns: FakeCheckRun[] = [];
  readonly reactions: { commentId: number; content: string }[] = [];
  /** Config file text per branch; no entry = 404. */
  readonly configs = new Map<string, string>();
  /** Config file text per tag. A short ref name resolves to a tag before a branch, as in git. */
  readonly tagConfigs = new Map<string, string>();
  /** GitHub lists at most this many files of a pull request. */
  listFilesCap = 3000;
  /** login → role; no entry = not a collaborator (404). */
  readonly roles = new Map<string, "admin" | "maintain" | "write" | "triage" | "read">();
  /** Commits whose tree listing GitHub truncates. */
  readonly truncatedTrees = new Set<string>();
  /** Per commit: symbolic links (path → target) and submodules (path → commit SHA) besides its files. */
  readonly links = new Map<
    string,
    { symlinks?: Record<string, string>; submodules?: Record<string, string> }
  >();
  /** Per commit: the archive GitHub serves (a real `git archive`), instead of one built from the files. */
  readonly archives = new Map<string, Buffer>();
  /** Installations of the app, for the listing of interrupted runs on start. */
  readonly installations: number[] = [];
  /** Called before each request is answered (e.g. to move a pull request's head mid-review). */
  beforeAnswer?: (request: RecordedRequest) => void;
  private readonly failures: Failure[] = [];
  private readonly holds: Hold[] = [];
  private readonly blobs = new Map<string, Buffer>();
  /** Tree SHA → the commit and directory it lists (learnt as listings hand the SHAs out). */
  private readonly treeDirectories = new Map<string, { commit: string; directory: string }>();
  private nextId = 1000;
  private commitCounter = 0;

  constructor(
    /** `https://api.github.com`, or `http://host:port/api/v3` for GitHub Enterprise Server. */
    readonly apiUrl = "https://api.github.com",
    /** Where the tarball endpoint redirects to. */
    readonly codeloadUrl = "https://codeload.github.com",
    readonly owner = "octo-org",
    readonly repo = "shop",
  ) {}

  /** A commit holding exactly these files; returns its SHA. */
  commit(files: Record<string, string>): string {
    const sha = createHash("sha1")
      .update(`commit ${this.commitCounter++}\n${JSON.stringify(Object.entries(files).sort())}`)
      .digest("hex");
    this.commits.set(sha, { ...files });
    for (const content of Object.values(files)) {
      const buffer = Buffer.from(content, "utf8");
      this.blobs.set(blobSha(buffer), buffer);
    }
    return sha;
  }

  pull(pull: Omit<FakePull, "state"> & { state?: FakePull["state"] }): FakePull {
    const full: FakePull = { state: "open", ...pull };
    this.pulls.set(full.number, full);
    return full;
  }

  /** Pull request `number`, which the test created. */
  pr(number: number): FakePull {
    const pull = this.pulls.get(number);
    if (!pull) throw new Error(`no pull request #${number}`);
    return pull;
  }

  /** The body text of a request that posted or edited a comment. */
  static commentBody(request: RecordedRequest | undefined): string {
    const body = request?.body as { body?: unknown } | undefined;
    return typeof body?.body === "string" ? body.body : "";
  }

  /** The next `times` requests matching `method` and `path` fail with `status`. */
  fail(method: string, path: RegExp, status: number, times = 1): void {
    this.failures.push({ method, path, status, times });
  }

  /** The next `times` requests matching get GitHub's secondary rate limit answer (403, `retry-after`). */
  rateLimit(method: string, path: RegExp, times = 1, retryAfterSeconds = 1): void {
    this.failures.push({
      method,
      path,
      status: 403,
      times,
      message: "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.",
      headers: { "retry-after": String(retryAfterSeconds) },
    });
  }

  /**
   * The next request matching `method` and `path` is held (not answered) until `release()`;
   * `arrived` resolves when it comes in. Only `handleAsync` (nock and the HTTP server) holds.
   */
  hold(method: string, path: RegExp): { arrived: Promise<void>; release: () => void } {
    let arrived!: () => void;
    let release!: () => void;
    const arrival = new Promise<void>((resolve) => {
      arrived = resolve;
    });
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    this.holds.push({ method, path, arrived, released, used: false });
    return { arrived: arrival, release };
  }

  /** `handle`, after waiting for any hold on the request to be released. */
  async handleAsync(method: string, url: string, rawBody: unknown): Promise<FakeResponse> {
    const path = decodeURIComponent(new URL(url).pathname);
    const hold = this.holds.find((h) => !h.used && h.method === method.toUpperCase() && h.path.test(path));
    if (hold) {
      hold.used = true;
      hold.arrived();
      await hold.released;
    }
    return this.handle(method, url, rawBody);
  }

  /** Requests that change something, for snapshots of what was sent to GitHub. */
  writes(): RecordedRequest[] {
    return this.requests.filter((r) => r.method !== "GET");
  }

  /** `METHOD /path` of every request, in order. */
  calls(): string[] {
    return this.requests.map((r) => `${r.method} ${r.path}`);
  }

  /** A comment by this app (`via: false`: without `performed_via_github_app`, as GitHub sometimes lists it). */
  botComment(body: string, options: { via?: boolean } = {}): FakeComment {
    const comment: FakeComment = {
      id: this.nextId++,
      body,
      user: { login: APP_LOGIN, type: "Bot" },
      performed_via_github_app: options.via === false ? null : { id: APP_ID, slug: APP_SLUG },
    };
    this.issueComments.push(comment);
    return comment;
  }

  /** A comment by another app's bot. */
  otherBotComment(body: string, slug = "other-app"): FakeComment {
    const comment: FakeComment = {
      id: this.nextId++,
      body,
      user: { login: `${slug}[bot]`, type: "Bot" },
      performed_via_github_app: { id: 999, slug },
    };
    this.issueComments.push(comment);
    return comment;
  }

  humanComment(body: string, login = "alice"): FakeComment {
    const comment: FakeComment = { id: this.nextId++, body, user: { login, type: "User" } };
    this.issueComments.push(comment);
    return comment;
  }

  /** Answers one request. `url` is absolute. */
  handle(method: string, url: string, rawBody: unknown): FakeResponse {
    const parsed = new URL(url);
    const api = new URL(this.apiUrl);
    const isApi = parsed.host === api.host && parsed.pathname.startsWith(api.pathname.replace(/\/$/, ""));
    const apiPath = isApi ? parsed.pathname.slice(api.pathname.replace(/\/$/, "").length) : parsed.pathname;
    const request: RecordedRequest = {
      method: method.toUpperCase(),
      path: decodeURIComponent(apiPath),
      query: Object.fromEntries(parsed.searchParams),
      body: parseBody(rawBody),
      host: parsed.host,
    };
    this.requests.push(request);
    this.beforeAnswer?.(request);
    const failure = this.failures.find(
      (f) => f.times > 0 && f.method === request.method && f.path.test(request.path),
    );
    if (failure) {
      failure.times--;
      const message = failure.message ?? (failure.status === 404 ? "Not Found" : "Server Error");
      const response = json(failure.status, { message });
      return failure.headers
        ? { ...response, headers: { ...response.headers, ...failure.headers } }
        : response;
    }
    if (!isApi) return this.codeload(request);
    return this.route(request);
  }

  private route(r: RecordedRequest): FakeResponse {
    const repo = `/repos/${this.owner}/${this.repo}`;
    const m = (pattern: string): RegExpExecArray | null =>
      new RegExp(`^${pattern.replace("{repo}", repo.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))}$`).exec(r.path);
    const is = (method: string) => r.method === method;
    // One pattern per route; `at` runs it and keeps the match for the route's body.
    let match: RegExpExecArray | null = null;
    const at = (method: string, pattern: string): boolean => {
      match = is(method) ? m(pattern) : null;
      return match !== null;
    };
    const group = (i: number): string => (match as RegExpExecArray)[i] as string;

    if (at("POST", "/app/installations/(\\d+)/access_tokens"))
      return json(201, {
        token: "ghs_faketoken",
        expires_at: "2999-01-01T00:00:00Z",
        permissions: {},
        repository_selection: "all",
      });

    if (at("POST", "{repo}/check-runs")) {
      const body = r.body as Record<string, unknown>;
      const run: FakeCheckRun = {
        id: this.nextId++,
        name: String(body.name),
        head_sha: String(body.head_sha),
        status: String(body.status ?? "queued"),
        ...(body.conclusion ? { conclusion: String(body.conclusion) } : {}),
        ...(body.external_id ? { external_id: String(body.external_id) } : {}),
        ...(body.output ? { output: body.output as FakeCheckRun["output"] } : {}),
        annotations: [],
      };
      if (run.conclusion) run.status = "completed";
      this.checkRuns.push(run);
      return json(201, this.checkRunJson(run));
    }
    if (at("PATCH", "{repo}/check-runs/(\\d+)")) {
      const run = this.checkRuns.find((c) => c.id === Number(group(1)));
      if (!run) return json(404, { message: "Not Found" });
      const body = r.body as Record<string, unknown>;
      if (body.status) run.status = String(body.status);
      if (body.conclusion) {
        run.conclusion = String(body.conclusion);
        run.status = "completed";
      }
      const output = body.output as (FakeCheckRun["output"] & { annotations?: unknown[] }) | undefined;
      if (output) {
        const { annotations = [], ...rest } = output;
        run.output = rest;
        run.annotations.push(...annotations);
      }
      return json(200, this.checkRunJson(run));
    }

    if (at("GET", "/app/installations"))
      return this.page(
        r,
        this.installations.map((id) => ({ id, account: { login: this.owner }, app_id: APP_ID })),
      );
    if (at("GET", "/installation/repositories")) {
      const repositories = [{ id: 900000, name: this.repo, owner: { login: this.owner } }];
      return json(200, { total_count: 1, repositories });
    }
    if (at("GET", "{repo}/pulls"))
      return this.page(
        r,
        [...this.pulls.values()].filter((p) => p.state === "open").map((p) => this.pullJson(p)),
      );
    if (at("GET", "{repo}/commits/([0-9a-f]{40})/check-runs")) {
      const runs = this.checkRuns.filter(
        (c) =>
          c.head_sha === group(1) &&
          (r.query.check_name === undefined || c.name === r.query.check_name) &&
          (r.query.status === undefined || c.status === r.query.status),
      );
      return json(200, { total_count: runs.length, check_runs: runs.map((c) => this.checkRunJson(c)) });
    }
    if (at("GET", "{repo}/check-suites/(\\d+)/check-runs")) {
      const runs = this.checkRuns.filter(
        (c) =>
          this.suiteOf(c) === Number(group(1)) &&
          (r.query.check_name === undefined || c.name === r.query.check_name),
      );
      return json(200, { total_count: runs.length, check_runs: runs.map((c) => this.checkRunJson(c)) });
    }

    if (at("GET", "{repo}/contents/(.+)")) {
      const text = group(1) === CONFIG_PATH ? this.configAt(r.query.ref ?? "refs/heads/main") : undefined;
      if (text === undefined) return json(404, { message: "Not Found" });
      const content = Buffer.from(text, "utf8");
      return json(200, {
        type: "file",
        encoding: "base64",
        size: content.length,
        name: "netpol-review.yml",
        path: CONFIG_PATH,
        content: content.toString("base64"),
        sha: blobSha(content),
      });
    }

    if (at("GET", "{repo}/pulls/(\\d+)")) {
      const pull = this.pulls.get(Number(group(1)));
      return pull ? json(200, this.pullJson(pull)) : json(404, { message: "Not Found" });
    }
    if (at("GET", "{repo}/pulls/(\\d+)/files")) {
      const pull = this.pulls.get(Number(group(1)));
      if (!pull) return json(404, { message: "Not Found" });
      return this.page(r, this.changedFiles(pull).slice(0, this.listFilesCap));
    }
    if (at("GET", "{repo}/compare/([0-9a-f]{40})\\.\\.\\.([0-9a-f]{40})")) {
      const baseSha = group(1);
      const headSha = group(2);
      const pull = [...this.pulls.values()].find((p) => p.base.sha === baseSha && p.head.sha === headSha);
      const mergeBase = pull?.mergeBase ?? (baseSha as string);
      if (!this.commits.has(mergeBase) || !this.commits.has(headSha as string))
        return json(404, { message: "Not Found" });
      return json(200, {
        status: "ahead",
        ahead_by: 1,
        behind_by: 0,
        total_commits: 1,
        merge_base_commit: { sha: mergeBase, commit: { tree: { sha: mergeBase } } },
        base_commit: { sha: baseSha },
        commits: [],
        files: [],
      });
    }
    if (at("GET", "{repo}/git/trees/([0-9a-f]{40})")) {
      const sha = group(1);
      const commit = this.commits.has(sha) ? { commit: sha, directory: "" } : this.treeDirectories.get(sha);
      const files = commit ? this.commits.get(commit.commit) : undefined;
      if (!commit || !files) return json(404, { message: "Not Found" });
      const tree = treeEntries(commit.commit, files, this.links.get(commit.commit) ?? {});
      for (const entry of tree)
        if (entry.type === "tree")
          this.treeDirectories.set(entry.sha, { commit: commit.commit, directory: entry.path });
      // Entries are named relative to the directory listed.
      const prefix = commit.directory === "" ? "" : `${commit.directory}/`;
      const below = tree
        .filter((e) => e.path.startsWith(prefix))
        .map((e) => ({ ...e, path: e.path.slice(prefix.length) }));
      if (r.query.recursive === undefined || r.query.recursive === "0" || r.query.recursive === "false")
        return json(200, {
          sha,
          url: "",
          tree: below.filter((e) => !e.path.includes("/")),
          truncated: false,
        });
      // A truncated listing (past 100,000 entries or 7 MB) lists only part of the tree.
      const truncated = commit.directory === "" && this.truncatedTrees.has(sha);
      return json(200, { sha, url: "", tree: truncated ? below.slice(0, 2) : below, truncated });
    }
    if (at("GET", "{repo}/git/blobs/([0-9a-f]{40})")) {
      const content = this.blob(group(1) as string);
      if (content === undefined) return json(404, { message: "Not Found" });
      return json(200, {
        sha: group(1),
        size: content.length,
        encoding: "base64",
        content: content.toString("base64"),
      });
    }
    if (at("GET", "{repo}/tarball/([0-9a-f]{40})")) {
      if (!this.commits.has(group(1) as string)) return json(404, { message: "Not Found" });
      return {
        status: 302,
        headers: {
          location: `${this.codeloadUrl}/${this.owner}/${this.repo}/legacy.tar.gz/${group(1)}?token=TOKEN`,
        },
      };
    }

    if (at("GET", "{repo}/issues/(\\d+)/comments")) return this.page(r, this.issueComments);
    if (at("POST", "{repo}/issues/(\\d+)/comments")) {
      const comment = this.botComment(String((r.body as { body: string }).body));
      return json(201, comment);
    }
    if (at("PATCH", "{repo}/issues/comments/(\\d+)")) {
      const comment = this.issueComments.find((c) => c.id === Number(group(1)));
      if (!comment) return json(404, { message: "Not Found" });
      comment.body = String((r.body as { body: string }).body);
      return json(200, comment);
    }
    if (at("POST", "{repo}/issues/comments/(\\d+)/reactions")) {
      this.reactions.push({
        commentId: Number(group(1)),
        content: String((r.body as { content: string }).content),
      });
      return json(201, { id: this.nextId++, content: (r.body as { content: string }).content });
    }

    if (at("GET", "{repo}/pulls/(\\d+)/comments")) return this.page(r, this.reviewComments);
    if (at("POST", "{repo}/pulls/(\\d+)/reviews")) {
      const body = r.body as { commit_id: string; comments?: { path: string; line: number; body: string }[] };
      this.reviews.push(body);
      for (const c of body.comments ?? [])
        this.reviewComments.push({
          id: this.nextId++,
          path: c.path,
          line: c.line,
          body: c.body,
          commit_id: body.commit_id,
          user: { login: APP_LOGIN, type: "Bot" },
        });
      return json(200, { id: this.nextId++, state: "COMMENTED" });
    }

    if (at("GET", "{repo}/collaborators/([^/]+)/permission")) {
      const role = this.roles.get(group(1) as string);
      if (!role) return json(404, { message: "Not Found" });
      const permission = role === "maintain" ? "write" : role === "triage" ? "read" : role;
      return json(200, { permission, role_name: role, user: { login: group(1) } });
    }

    return json(599, { message: `fake GitHub has no route for ${r.method} ${r.path}` });
  }

  private codeload(r: RecordedRequest): FakeResponse {
    const prefix = new URL(this.codeloadUrl).pathname.replace(/\/$/, "");
    const path = r.path.startsWith(prefix) ? r.path.slice(prefix.length) : r.path;
    const match = /^\/([^/]+)\/([^/]+)\/legacy\.tar\.gz\/([0-9a-f]{40})$/.exec(path);
    const files = match ? this.commits.get(match[3] as string) : undefined;
    if (!match || !files)
      return { status: 404, body: "Not Found", headers: { "content-type": "text/plain" } };
    const top = `${this.owner}-${this.repo}-${(match[3] as string).slice(0, 7)}`;
    return {
      status: 200,
      body: this.archives.get(match[3] as string) ?? tarball(top, files, match[3]),
      headers: { "content-type": "application/x-gzip" },
    };
  }

  /** GitHub pagination: `per_page` (max 100) and `page`, with a `Link` header to the next page. */
  private page(r: RecordedRequest, items: readonly unknown[]): FakeResponse {
    const perPage = Math.min(100, Number(r.query.per_page ?? 30));
    const page = Number(r.query.page ?? 1);
    const slice = items.slice((page - 1) * perPage, page * perPage);
    const headers: Record<string, string> = { "content-type": "application/json; charset=utf-8" };
    if (page * perPage < items.length) {
      const next = new URL(`${this.apiUrl}${r.path}`);
      next.searchParams.set("per_page", String(perPage));
      next.searchParams.set("page", String(page + 1));
      headers.link = `<${next.href}>; rel="next"`;
    }
    return { status: 200, body: slice, headers };
  }

  private changedFiles(pull: FakePull): NonNullable<FakePull["files"]> {
    if (pull.files) return pull.files;
    const before = this.commits.get(pull.mergeBase ?? pull.base.sha) ?? {};
    const after = this.commits.get(pull.head.sha) ?? {};
    const out: NonNullable<FakePull["files"]> = [];
    for (const path of [...new Set([...Object.keys(before), ...Object.keys(after)])].sort()) {
      const a = before[path];
      const b = after[path];
      if (a === b) continue;
      const status = a === undefined ? "added" : b === undefined ? "removed" : "modified";
      out.push({ filename: path, status, patch: unifiedPatch(a ?? "", b ?? "") });
    }
    return out;
  }

  /** The config file at a ref: `refs/heads/…`, `refs/tags/…`, or a short name (tag first, as git resolves it). */
  private configAt(ref: string): string | undefined {
    if (ref.startsWith("refs/heads/")) return this.configs.get(ref.slice("refs/heads/".length));
    if (ref.startsWith("refs/tags/")) return this.tagConfigs.get(ref.slice("refs/tags/".length));
    return this.tagConfigs.get(ref) ?? this.configs.get(ref);
  }

  private blob(sha: string): Buffer | undefined {
    return this.blobs.get(sha);
  }

  /** The check suite of a run: one per head commit, numbered from the commit's SHA. */
  suiteOf(run: Pick<FakeCheckRun, "head_sha">): number {
    return Number.parseInt(run.head_sha.slice(0, 8), 16);
  }

  private checkRunJson(run: FakeCheckRun) {
    return {
      id: run.id,
      started_at: run.started_at ?? "2026-01-01T00:00:00Z",
      check_suite: { id: this.suiteOf(run) },
      name: run.name,
      head_sha: run.head_sha,
      status: run.status,
      conclusion: run.conclusion ?? null,
      external_id: run.external_id ?? null,
      html_url: `https://github.com/${this.owner}/${this.repo}/runs/${run.id}`,
      pull_requests: [],
      app: { id: APP_ID, slug: APP_SLUG, name: APP_SLUG, owner: { login: this.owner } },
    };
  }

  private pullJson(pull: FakePull) {
    return {
      number: pull.number,
      state: pull.state,
      html_url: `https://github.com/${this.owner}/${this.repo}/pull/${pull.number}`,
      user: { login: pull.author ?? "bob", type: "User" },
      head: { ref: pull.head.ref, sha: pull.head.sha },
      base: { ref: pull.base.ref, sha: pull.base.sha },
      changed_files: this.changedFiles(pull).length,
    };
  }
}

export function blobSha(content: Buffer): string {
  return createHash("sha1").update(`blob ${content.length}\0`).update(content).digest("hex");
}

/**
 * The recursive listing of a commit: directories (with a SHA per commit and path), files,
 * symbolic links (mode 120000, the blob holding the target) and submodules (type `commit`).
 */
function treeEntries(
  commit: string,
  files: Record<string, string>,
  links: { symlinks?: Record<string, string>; submodules?: Record<string, string> },
) {
  const directories = new Set<string>();
  const all = [
    ...Object.keys(files),
    ...Object.keys(links.symlinks ?? {}),
    ...Object.keys(links.submodules ?? {}),
  ];
  for (const path of all) {
    const parts = path.split("/");
    for (let i = 1; i < parts.length; i++) directories.add(parts.slice(0, i).join("/"));
  }
  const treeSha = (path: string) => createHash("sha1").update(`tree ${commit}:${path}`).digest("hex");
  return [
    ...[...directories].map((path) => ({ path, mode: "040000", type: "tree", sha: treeSha(path) })),
    ...Object.entries(files).map(([path, content]) => {
      const buffer = Buffer.from(content, "utf8");
      return { path, mode: "100644", type: "blob", sha: blobSha(buffer), size: buffer.length };
    }),
    ...Object.entries(links.symlinks ?? {}).map(([path, target]) => {
      const buffer = Buffer.from(target, "utf8");
      return { path, mode: "120000", type: "blob", sha: blobSha(buffer), size: buffer.length };
    }),
    ...Object.entries(links.submodules ?? {}).map(([path, sha]) => ({
      path,
      mode: "160000",
      type: "commit",
      sha,
    })),
  ].sort((a, b) => (a.path < b.path ? -1 : 1));
}

function json(status: number, body: unknown): FakeResponse {
  return { status, body, headers: { "content-type": "application/json; charset=utf-8" } };
}

function parseBody(body: unknown): unknown {
  if (typeof body !== "string" || body === "") return body === "" ? undefined : body;
  try {
    return JSON.parse(body);
  } catch {
    return body;
  }
}
