import { readFileSync } from "node:fs";

const FIXTURES = new URL("../../fixtures/github/events/", import.meta.url);

// biome-ignore lint/suspicious/noExplicitAny: fixtures are edited structurally
type Json = any;

function fixture(name: string): Json {
  return JSON.parse(readFileSync(new URL(`${name}.json`, FIXTURES), "utf8"));
}

/** A `pull_request` event (recorded shape) for pull request `number` from `baseSha` to `headSha`. */
export function pullRequestEvent(options: {
  action?: string;
  number?: number;
  headSha: string;
  baseSha: string;
  headRef?: string;
  baseRef?: string;
  changes?: Json;
  /** The payload's `changed_files`; `null` leaves the field out. */
  changedFiles?: number | null;
}): Json {
  const payload = fixture("pull_request.opened");
  if (options.changedFiles === null) delete payload.pull_request.changed_files;
  else if (options.changedFiles !== undefined) payload.pull_request.changed_files = options.changedFiles;
  payload.action = options.action ?? "opened";
  payload.number = payload.pull_request.number = options.number ?? 7;
  payload.pull_request.html_url = `https://github.com/octo-org/shop/pull/${payload.number}`;
  payload.pull_request.head.sha = options.headSha;
  payload.pull_request.base.sha = options.baseSha;
  if (options.headRef) payload.pull_request.head.ref = options.headRef;
  if (options.baseRef) payload.pull_request.base.ref = options.baseRef;
  if (options.changes) payload.changes = options.changes;
  else if (payload.action === "edited") payload.changes = { title: { from: "old title" } };
  return payload;
}

/** An `issue_comment` event on pull request 7 (or a plain issue). */
export function commentEvent(options: {
  body: string;
  action?: string;
  author?: string;
  authorType?: "User" | "Bot";
  onPlainIssue?: boolean;
  commentId?: number;
  number?: number;
}): Json {
  const payload = fixture("issue_comment.created");
  payload.action = options.action ?? "created";
  payload.comment.body = options.body;
  if (options.commentId) payload.comment.id = options.commentId;
  if (options.number) payload.issue.number = options.number;
  const author = options.author ?? "bob";
  payload.comment.user.login = payload.sender.login = author;
  payload.comment.user.type = payload.sender.type = options.authorType ?? "User";
  if (options.onPlainIssue) {
    delete payload.issue.pull_request;
    payload.issue.html_url = "https://github.com/octo-org/shop/issues/7";
  }
  if (payload.action === "edited") payload.changes = { body: { from: "before" } };
  return payload;
}

/** A `check_run.rerequested` event for the app's check run. */
export function rerequestedEvent(options: {
  headSha: string;
  externalId?: string | null;
  pullNumbers?: number[];
  name?: string;
}): Json {
  const payload = fixture("check_run.rerequested");
  payload.check_run.head_sha = payload.check_run.check_suite.head_sha = options.headSha;
  payload.check_run.external_id = options.externalId === undefined ? "7" : options.externalId;
  if (options.name) payload.check_run.name = options.name;
  payload.check_run.pull_requests = (options.pullNumbers ?? []).map((number) => ({
    url: `https://api.github.com/repos/octo-org/shop/pulls/${number}`,
    id: 1840000000 + number,
    number,
    head: { ref: "allow-web-db", sha: options.headSha, repo: { id: 900000, name: "shop" } },
    base: { ref: "main", sha: "0".repeat(40), repo: { id: 900000, name: "shop" } },
  }));
  return payload;
}

/**
 * A `check_suite.rerequested` event ("Re-run all checks") for the suite of `headSha`, in the
 * shape GitHub sends it, built from the recorded `check_run` event's repository, installation
 * and sender.
 */
export function suiteRerequestedEvent(options: {
  headSha: string;
  suiteId: number;
  pullNumbers?: number[];
  appId?: number;
}): Json {
  const run = fixture("check_run.rerequested");
  return {
    action: "rerequested",
    check_suite: {
      id: options.suiteId,
      head_branch: "allow-web-db",
      head_sha: options.headSha,
      status: "completed",
      conclusion: "failure",
      app: { id: options.appId ?? 123, slug: "netpol-review", name: "netpol-review" },
      pull_requests: (options.pullNumbers ?? []).map((number) => ({
        url: `https://api.github.com/repos/octo-org/shop/pulls/${number}`,
        id: 1840000000 + number,
        number,
        head: { ref: "allow-web-db", sha: options.headSha, repo: { id: 900000, name: "shop" } },
        base: { ref: "main", sha: "0".repeat(40), repo: { id: 900000, name: "shop" } },
      })),
    },
    repository: run.repository,
    organization: run.organization,
    installation: run.installation,
    sender: run.sender,
  };
}
