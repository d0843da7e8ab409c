import { manifestPaths } from "../../config/globs.js";
import type { ConfigResult } from "../../config/parse.js";
import type { Config } from "../../config/schema.js";
import { describeConfigErrors } from "../../report/config-errors.js";
import { code, escapeMarkdown, shortSha } from "../../report/inline-markdown.js";
import type { Command } from "../commands/parse.js";
import { MAX_COMMANDS_PER_COMMENT, parseCommands } from "../commands/parse.js";
import { USAGE } from "../commands/usage.js";
import type { AppDependencies } from "../dependencies.js";
import type { EngineJobResult, EngineTask } from "../engine-job.js";
import { apiStatus, describeError, loggableError, sanitizedError } from "../errors.js";
import type { GitHubContext, PullRequestRef } from "../github-context.js";
import { pullRequestKey } from "../keyed-queue.js";
import { fetchManifests, type ManifestSources } from "../steps/fetch-manifests.js";
import { fetchPullRequest } from "../steps/fetch-pull-request.js";
import { loadConfig } from "../steps/load-config.js";
import { type Revisions, resolveRevisions } from "../steps/resolve-revisions.js";
import { runReview } from "./review-runner.js";

/** Marks the app's replies to commands. */
export const REPLY_MARKER = "<!-- netpol-review:reply -->";

/** Repository roles that may run `/netpol recheck`. */
const RECHECK_ROLES = new Set(["admin", "maintain", "write"]);

/**
 * Roles that may run `/netpol explain` (besides the pull request's author): an explanation is a
 * full analysis, so it is not open to every commenter of a public repository.
 */
const EXPLAIN_ROLES = new Set(["admin", "maintain", "write", "triage"]);

export interface CommandComment {
  readonly id: number;
  readonly body: string;
  readonly author: string;
}

/**
 * Answers the slash commands of a pull request comment: an `eyes` reaction at once, then one
 * reply that quotes each command and answers it. A command that fails is answered with why; the
 * others still run. The comments of one pull request are answered one at a time, in the order
 * they arrived: a burst of `/netpol explain` costs one analysis at a time, not one per comment
 * at once.
 */
export async function answerCommands(
  gh: GitHubContext,
  pullNumber: number,
  comment: CommandComment,
  deps: AppDependencies,
): Promise<void> {
  const commands = parseCommands(comment.body);
  if (commands.length === 0) return;
  await acknowledge(gh, comment.id);
  await deps.commands.run(pullRequestKey(gh.owner, gh.repo, pullNumber), () =>
    answerInOrder(gh, pullNumber, comment, commands, deps),
  );
}

async function answerInOrder(
  gh: GitHubContext,
  pullNumber: number,
  comment: CommandComment,
  commands: readonly Command[],
  deps: AppDependencies,
): Promise<void> {
  const session = new CommandSession(gh, pullNumber, deps);
  const sections: string[] = [];
  for (const command of commands.slice(0, MAX_COMMANDS_PER_COMMENT)) {
    let answer: string;
    try {
      answer = await answerOne(command, comment.author, session);
    } catch (error) {
      gh.log.error(
        { error: loggableError(error), deliveryId: gh.deliveryId, command: command.line },
        "command failed",
      );
      answer = `Could not answer this command: ${escapeMarkdown(describeError(error))}. The app's logs have the details under delivery id ${code(gh.deliveryId)}.`;
    }
    sections.push(`> ${code(command.line)}\n\n${answer}`);
  }
  const skipped = commands.length - MAX_COMMANDS_PER_COMMENT;
  if (skipped > 0)
    sections.push(
      `${skipped} more command${skipped === 1 ? " was" : "s were"} not run: one comment runs at most ${MAX_COMMANDS_PER_COMMENT}.`,
    );
  try {
    await gh.octokit.rest.issues.createComment({
      owner: gh.owner,
      repo: gh.repo,
      issue_number: pullNumber,
      body: replyBody(sections),
    });
  } catch (error) {
    // Probot logs what a handler throws in full: hand it only the description.
    throw sanitizedError(error);
  }
}

/** The 👀 reaction. Only an acknowledgement: if it fails, the reply still comes. */
async function acknowledge(gh: GitHubContext, commentId: number): Promise<void> {
  try {
    await gh.octokit.rest.reactions.createForIssueComment({
      owner: gh.owner,
      repo: gh.repo,
      comment_id: commentId,
      content: "eyes",
    });
  } catch (error) {
    gh.log.warn(
      { error: loggableError(error), deliveryId: gh.deliveryId },
      `could not react to the comment: ${describeError(error)}`,
    );
  }
}

/** GitHub's limit for a comment body, in characters. */
const COMMENT_LIMIT = 65_536;

/** The sections that fit in one comment; the answers that do not are named, not cut. */
export function replyBody(sections: readonly string[]): string {
  const separator = "\n\n---\n\n";
  const kept: string[] = [];
  let length = REPLY_MARKER.length + 2;
  let left = 0;
  const note = (n: number) =>
    `${n} more answer${n === 1 ? "" : "s"} did not fit in one comment: ask for ${n === 1 ? "it" : "them"} in a separate comment.`;
  for (const section of sections) {
    // Room for the separator and for the note about what did not fit.
    if (
      left === 0 &&
      length + separator.length + section.length + separator.length + note(99).length <= COMMENT_LIMIT
    ) {
      kept.push(section);
      length += separator.length + section.length;
    } else left++;
  }
  if (left > 0) kept.push(note(left));
  return `${REPLY_MARKER}\n${kept.join(separator)}\n`;
}

async function answerOne(command: Command, author: string, session: CommandSession): Promise<string> {
  switch (command.kind) {
    case "help":
      return USAGE;
    case "invalid":
      return `${escapeMarkdown(`${command.problem[0]?.toUpperCase()}${command.problem.slice(1)}`)}.\n\n${USAGE}`;
    case "recheck":
      return recheck(author, session);
    case "explain-changes": {
      const refused = await session.refuseExplain(author);
      if (refused) return refused;
      const result = await session.job({ kind: "explain-changes" });
      if (result.kind === "unavailable") return result.error;
      if (result.kind !== "explanation") throw unexpected(result.kind);
      return result.markdown;
    }
    case "explain-flow": {
      const refused = await session.refuseExplain(author);
      return refused ?? explainFlow(command, session);
    }
  }
}

async function recheck(author: string, session: CommandSession): Promise<string> {
  const { role, permission, roleName } = await session.access(author);
  const mayRecheck = RECHECK_ROLES.has(roleName) || permission === "admin" || permission === "write";
  if (!mayRecheck)
    return `Only people with write, maintain or admin access to the repository can run ${code("/netpol recheck")}; ${code(author)} has ${code(role)} access.`;
  const pr = await session.pullRequest();
  const outcome = await runReview(session.gh, pr, session.deps);
  return `Re-ran the review of ${code(shortSha(pr.headSha))}: the \`netpol-review\` check concluded **${outcome.conclusion}** (${escapeMarkdown(outcome.title)}).`;
}

async function explainFlow(
  command: Extract<Command, { kind: "explain-flow" }>,
  session: CommandSession,
): Promise<string> {
  const query = { from: command.from, to: command.to, ...(command.port ? { port: command.port } : {}) };
  const result = await session.job({ kind: "explain-flow", query });
  if (result.kind === "unavailable") return result.error;
  if (result.kind === "flow-error")
    return `Cannot explain this flow: ${escapeMarkdown(result.error)}.\n\n${USAGE}`;
  if (result.kind !== "flow") throw unexpected(result.kind);
  const heading = `At the merge base ${code(shortSha(result.base))} and the head ${code(shortSha(result.head))}:`;
  return `${heading}\n\n${result.markdown}`;
}

function unexpected(kind: string): Error {
  return new Error(`the engine answered with a ${kind} result`);
}

type Prepared<T> = T | { readonly error: string };

/**
 * What several commands of one comment share, loaded once and only when a command needs it:
 * the pull request, the configuration, the manifests of both sides, the author's access.
 */
class CommandSession {
  private pr?: Promise<PullRequestRef>;
  private config?: Promise<ConfigResult>;
  private loaded?: Promise<Prepared<{ files: ManifestSources; revisions: Revisions; config: Config }>>;
  private readonly roles = new Map<string, Promise<Access>>();

  constructor(
    readonly gh: GitHubContext,
    readonly pullNumber: number,
    readonly deps: AppDependencies,
  ) {}

  pullRequest(): Promise<PullRequestRef> {
    this.pr ??= fetchPullRequest(this.gh, this.pullNumber);
    return this.pr;
  }

  /** The author's role on the repository (`none` for someone who is not a collaborator). */
  access(login: string): Promise<Access> {
    let access = this.roles.get(login);
    if (!access) {
      access = collaboratorAccess(this.gh, login);
      this.roles.set(login, access);
    }
    return access;
  }

  /** Why `login` may not run `/netpol explain`, or `undefined` when it may. */
  async refuseExplain(login: string): Promise<string | undefined> {
    const pr = await this.pullRequest();
    if (pr.author !== undefined && pr.author.toLowerCase() === login.toLowerCase()) return undefined;
    const { role, permission, roleName } = await this.access(login);
    if (EXPLAIN_ROLES.has(roleName) || permission === "admin" || permission === "write") return undefined;
    return `Only the pull request's author and people with triage, write, maintain or admin access to the repository can run ${code("/netpol explain")}; ${code(login)} has ${code(role)} access.`;
  }

  /** The manifests of both sides, then `task` on them in the engine (off this thread). */
  async job(
    task: EngineTask,
  ): Promise<EngineJobResult | { readonly kind: "unavailable"; readonly error: string }> {
    const prepared = await this.sources();
    if ("error" in prepared) return { kind: "unavailable", error: prepared.error };
    return this.deps.jobs.run({
      files: prepared.files,
      revisions: prepared.revisions,
      repositoryUrl: this.gh.repositoryUrl,
      config: prepared.config,
      task,
    });
  }

  private sources(): Promise<Prepared<{ files: ManifestSources; revisions: Revisions; config: Config }>> {
    this.loaded ??= (async () => {
      const pr = await this.pullRequest();
      this.config ??= loadConfig(this.gh, pr.baseRef);
      const config = await this.config;
      if (!config.ok)
        return {
          error: `The configuration is invalid, so nothing can be explained:\n\n${describeConfigErrors(config.errors)}`,
        };
      const revisions = await resolveRevisions(this.gh, pr);
      const paths = manifestPaths(config.config.manifests);
      const files = await fetchManifests(this.gh, revisions, paths, this.deps.caches, this.deps.limits);
      return { files, revisions, config: config.config };
    })();
    return this.loaded;
  }
}

interface Access {
  /** As shown: the role as granted (custom roles included), or the base permission. */
  readonly role: string;
  readonly permission: string;
  readonly roleName: string;
}

async function collaboratorAccess(gh: GitHubContext, login: string): Promise<Access> {
  try {
    const { data } = await gh.octokit.rest.repos.getCollaboratorPermissionLevel({
      owner: gh.owner,
      repo: gh.repo,
      username: login,
    });
    // `permission` is the base level (maintain counts as write, triage as read); `role_name`
    // is the role as granted, custom roles included.
    return { role: data.role_name || data.permission, permission: data.permission, roleName: data.role_name };
  } catch (error) {
    // Not a collaborator at all.
    if (apiStatus(error) === 404) return { role: "none", permission: "none", roleName: "none" };
    throw error;
  }
}
