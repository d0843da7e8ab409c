import type { Review } from "../../analysis/review/types.js";
import { manifestMatcher } from "../../config/globs.js";
import type { ConfigResult } from "../../config/parse.js";
import { reviewOptions } from "../../config/review-options.js";
import { describeConfigErrors } from "../../report/config-errors.js";
import { code, escapeMarkdown, shortSha } from "../../report/inline-markdown.js";
import type { Command } from "../commands/parse.js";
import { MAX_COMMANDS_PER_COMMENT, parseCommands } from "../commands/parse.js";
import { USAGE } from "../commands/usage.js";
import type { AppDependencies } from "../dependencies.js";
import type { RenderOptions } from "../engine.js";
import { apiStatus, describeError, loggableError, sanitizedError } from "../errors.js";
import type { GitHubContext, PullRequestRef } from "../github-context.js";
import { renderOptions } from "../render-options.js";
import { fetchPullRequest } from "../steps/fetch-pull-request.js";
import { fetchTrees, type Trees } from "../steps/fetch-trees.js";
import { loadConfig } from "../steps/load-config.js";
import { type Revisions, resolveRevisions } from "../steps/resolve-revisions.js";
import { runReview } from "./review-runner.js";

/** Marks the app's replies to commands. */
export const REPLY_MARKER = "<!-- netpol-review:reply -->";

/** Repository roles that may run `/netpol recheck`. */
const RECHECK_ROLES = new Set(["admin", "maintain", "write"]);

export interface CommandComment {
  readonly id: number;
  readonly body: string;
  readonly author: string;
}

/**
 * Answers the slash commands of a pull request comment: an `eyes` reaction at once, then one
 * reply that quotes each command and answers it. A command that fails is answered with why; the
 * others still run.
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
      const prepared = await session.review();
      return "error" in prepared
        ? prepared.error
        : session.deps.engine.renderChangeExplanation(prepared.review, prepared.links);
    }
    case "explain-flow":
      return explainFlow(command, session);
  }
}

async function recheck(author: string, session: CommandSession): Promise<string> {
  const { role, mayRecheck } = await session.access(author);
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
  const prepared = await session.trees();
  if ("error" in prepared) return prepared.error;
  const { engine } = session.deps;
  const query = { from: command.from, to: command.to, ...(command.port ? { port: command.port } : {}) };
  const result = engine.explainFlowChange(
    {
      base: prepared.trees.base,
      head: prepared.trees.head,
      baseRevision: prepared.revisions.base,
      headRevision: prepared.revisions.head,
    },
    query,
    prepared.options,
  );
  if ("error" in result) return `Cannot explain this flow: ${escapeMarkdown(result.error)}.\n\n${USAGE}`;
  const port = command.port ? `${command.port.port}/${command.port.protocol}` : undefined;
  const heading = `At the merge base ${code(shortSha(prepared.revisions.base.sha))} and the head ${code(shortSha(prepared.revisions.head.sha))}:`;
  const links = renderOptions(session.gh.repositoryUrl, prepared.revisions);
  const body = [
    engine.renderFlowExplanation(
      { from: command.from, to: command.to, ...(port ? { port } : {}) },
      result.base,
      result.head,
      links,
    ),
    engine.renderFlowChanges(result.changes, links),
  ].join("\n\n");
  return `${heading}\n\n${body}`;
}

type Prepared<T> = T | { readonly error: string };

/**
 * What several commands of one comment share, loaded once and only when a command needs it:
 * the pull request, the configuration, the two trees, the review.
 */
class CommandSession {
  private pr?: Promise<PullRequestRef>;
  private config?: Promise<ConfigResult>;
  private loaded?: Promise<
    Prepared<{ trees: Trees; revisions: Revisions; options: ReturnType<typeof reviewOptions> }>
  >;
  private built?: Promise<Prepared<{ review: Review; links: RenderOptions }>>;

  constructor(
    readonly gh: GitHubContext,
    readonly pullNumber: number,
    readonly deps: AppDependencies,
  ) {}

  pullRequest(): Promise<PullRequestRef> {
    this.pr ??= fetchPullRequest(this.gh, this.pullNumber);
    return this.pr;
  }

  /** The author's role on the repository and whether it may re-run the review. */
  async access(login: string): Promise<{ role: string; mayRecheck: boolean }> {
    try {
      const { data } = await this.gh.octokit.rest.repos.getCollaboratorPermissionLevel({
        owner: this.gh.owner,
        repo: this.gh.repo,
        username: login,
      });
      // `permission` is the base level (maintain counts as write, triage as read); `role_name`
      // is the role as granted, custom roles included.
      const role = data.role_name || data.permission;
      return {
        role,
        mayRecheck:
          RECHECK_ROLES.has(data.role_name) || data.permission === "admin" || data.permission === "write",
      };
    } catch (error) {
      // Not a collaborator at all.
      if (apiStatus(error) === 404) return { role: "none", mayRecheck: false };
      throw error;
    }
  }

  trees(): Promise<
    Prepared<{ trees: Trees; revisions: Revisions; options: ReturnType<typeof reviewOptions> }>
  > {
    this.loaded ??= (async () => {
      const pr = await this.pullRequest();
      this.config ??= loadConfig(this.gh, pr.baseRef);
      const config = await this.config;
      if (!config.ok)
        return {
          error: `The configuration is invalid, so nothing can be explained:\n\n${describeConfigErrors(config.errors)}`,
        };
      const revisions = await resolveRevisions(this.gh, pr);
      const isManifest = manifestMatcher(config.config.manifests);
      const trees = await fetchTrees(
        this.gh,
        revisions,
        isManifest,
        this.deps.engine,
        this.deps.caches,
        this.deps.limits,
      );
      return { trees, revisions, options: reviewOptions(config.config) };
    })();
    return this.loaded;
  }

  review(): Promise<Prepared<{ review: Review; links: RenderOptions }>> {
    this.built ??= (async () => {
      const prepared = await this.trees();
      if ("error" in prepared) return prepared;
      const { trees, revisions, options } = prepared;
      const review = this.deps.engine.buildReview(
        { base: trees.base, head: trees.head, baseRevision: revisions.base, headRevision: revisions.head },
        options,
      );
      return { review, links: renderOptions(this.gh.repositoryUrl, revisions) };
    })();
    return this.built;
  }
}
