import { reviewOptions } from "../config/review-options.js";
import type { Config } from "../config/schema.js";
import type { SourceFile } from "../manifests/source-file.js";
import { decideScopedConclusion } from "../report/scoped-verdict.js";
import type { Verdict } from "../report/verdict.js";
import { combinedReview } from "../scopes/combined-review.js";
import type { CheckRunOutput, FlowQuery, ReviewEngine } from "./engine.js";
import { type InlineComment, inlineComments } from "./publish/review-comments.js";
import { renderOptions } from "./render-options.js";
import type { ChangedFile } from "./steps/list-changed-files.js";
import type { Revisions } from "./steps/resolve-revisions.js";

/**
 * One piece of engine work, as plain data: the manifests of both sides, what to do with them,
 * and what to render. It crosses into a worker thread by structured clone, so it holds no
 * function and no class instance; the result is plain data too (rendered text, the verdict).
 */
export interface EngineJob {
  readonly files: { readonly base: readonly SourceFile[]; readonly head: readonly SourceFile[] };
  readonly revisions: Revisions;
  /** For the links from rendered locations to the manifests (`renderOptions`). */
  readonly repositoryUrl: string;
  readonly config: Config;
  readonly task: EngineTask;
}

export type EngineTask =
  /** The review of a push: the comment, the check run and the inline comments on `changedFiles`. */
  | { readonly kind: "review"; readonly changedFiles: readonly ChangedFile[] }
  /** `/netpol explain`: why each opened or closed path changed. */
  | { readonly kind: "explain-changes" }
  /** `/netpol explain <src> <dst> [port]`. */
  | { readonly kind: "explain-flow"; readonly query: FlowQuery };

export interface ReviewJobResult {
  readonly kind: "review";
  readonly comment: string;
  readonly checkRun: CheckRunOutput;
  readonly verdict: Verdict;
  readonly inlineComments: readonly InlineComment[];
  /** Something opened, closed or a finding introduced: the comment is then worth creating. */
  readonly changed: boolean;
}

export type EngineJobResult =
  | ReviewJobResult
  | { readonly kind: "explanation"; readonly markdown: string }
  | { readonly kind: "flow"; readonly base: string; readonly head: string; readonly markdown: string }
  | { readonly kind: "flow-error"; readonly error: string };

/** Runs engine jobs: in this thread (tests), or in a pool of worker threads (the app). */
export interface EngineJobs {
  run(job: EngineJob): Promise<EngineJobResult>;
  /** Stops the work in flight and the threads; later jobs are refused. */
  close(): Promise<void>;
}

/** A review job, its result checked to be a review's. */
export async function runReviewJob(
  jobs: EngineJobs,
  job: Omit<EngineJob, "task"> & { readonly task: Extract<EngineTask, { kind: "review" }> },
): Promise<ReviewJobResult> {
  const result = await jobs.run(job);
  if (result.kind !== "review")
    throw new Error(`the engine answered a review job with a ${result.kind} result`);
  return result;
}

/**
 * The job itself: load both trees, review or explain, render. Synchronous and self-contained,
 * so that it runs the same in a worker thread as in the main one.
 */
export function runEngineJob(engine: ReviewEngine, job: EngineJob): EngineJobResult {
  const { task } = job;
  if (task.kind === "review") return reviewJob(engine, job, task.changedFiles);
  const base = engine.loadManifests(job.files.base);
  const head = engine.loadManifests(job.files.head);
  const options = reviewOptions(job.config);
  const input = { base, head, baseRevision: job.revisions.base, headRevision: job.revisions.head };
  const links = renderOptions(job.repositoryUrl, job.revisions);
  if (task.kind === "explain-flow") {
    const result = engine.explainFlowChange(input, task.query, options);
    if ("error" in result) return { kind: "flow-error", error: result.error };
    const port = task.query.port ? `${task.query.port.port}/${task.query.port.protocol}` : undefined;
    const query = { from: task.query.from, to: task.query.to, ...(port ? { port } : {}) };
    const markdown = [
      engine.renderFlowExplanation(query, result.base, result.head, links),
      engine.renderFlowChanges(result.changes, links),
    ].join("\n\n");
    return { kind: "flow", base: job.revisions.base.sha, head: job.revisions.head.sha, markdown };
  }
  const review = engine.buildReview(input, options);
  return { kind: "explanation", markdown: engine.renderChangeExplanation(review, links) };
}

/** The review of a push, scope by scope (src/scopes/review-scopes.ts): one review per cluster. */
function reviewJob(
  engine: ReviewEngine,
  job: EngineJob,
  changedFiles: readonly ChangedFile[],
): ReviewJobResult {
  const scoped = engine.reviewScopes({
    base: job.files.base,
    head: job.files.head,
    baseRevision: job.revisions.base,
    headRevision: job.revisions.head,
    config: job.config,
  });
  const review = combinedReview(scoped);
  const links = renderOptions(job.repositoryUrl, job.revisions);
  return {
    kind: "review",
    comment: engine.renderScopedComment(scoped, links),
    checkRun: engine.renderScopedCheckRun(scoped, links),
    verdict: decideScopedConclusion(scoped, job.config.failOn),
    inlineComments: job.config.reviewComments ? inlineComments(review, changedFiles) : [],
    changed:
      review.opened.length > 0 || review.closed.length > 0 || review.findings.some((f) => f.introduced),
  };
}

/** Jobs run in the calling thread, one after the other: for tests and for the fake engine. */
export function inThreadJobs(engine: ReviewEngine): EngineJobs {
  let closed = false;
  return {
    run: async (job) => {
      if (closed) throw new Error("the engine is closed");
      return runEngineJob(engine, job);
    },
    close: async () => {
      closed = true;
    },
  };
}
