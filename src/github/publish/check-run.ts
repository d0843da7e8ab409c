import { shortSha } from "../../report/inline-markdown.js";
import type { CheckRunAnnotation, CheckRunOutput } from "../engine.js";
import type { GitHubContext, PullRequestRef } from "../github-context.js";

/** The name of the check run, which branch protection rules require. */
export const CHECK_NAME = "netpol-review";

/** The Checks API takes at most 50 annotations per request; later requests append. */
export const ANNOTATIONS_PER_REQUEST = 50;

/** GitHub's limit on a check run's `summary` and `text`. */
const MAX_OUTPUT_CHARS = 65_535;

export type Conclusion = "success" | "failure" | "neutral" | "cancelled";

export interface CheckRun {
  readonly id: number;
  readonly htmlUrl: string;
  readonly headSha: string;
  /** The app that owns the run (this app): who the app is, learnt without an extra request. */
  readonly app?: { readonly id: number; readonly slug: string };
}

/**
 * Opens the `netpol-review` check run on the head, `in_progress`, as soon as the event arrives.
 * `external_id` records the pull request: a fork's check runs come with an empty
 * `pull_requests` list, and a re-run needs to know which pull request to review.
 */
export async function createCheckRun(gh: GitHubContext, pr: PullRequestRef): Promise<CheckRun> {
  const { data } = await gh.octokit.rest.checks.create({
    owner: gh.owner,
    repo: gh.repo,
    name: CHECK_NAME,
    head_sha: pr.headSha,
    status: "in_progress",
    external_id: String(pr.number),
    output: {
      title: "Reviewing network policies",
      summary: `Comparing the manifests at ${shortSha(pr.headSha)} with the merge base of pull request #${pr.number}.`,
    },
  });
  const app = data.app && typeof data.app.slug === "string" ? { id: data.app.id, slug: data.app.slug } : null;
  return { id: data.id, htmlUrl: data.html_url ?? "", headSha: pr.headSha, ...(app ? { app } : {}) };
}

/**
 * Completes the check run with its output and conclusion. Annotations go 50 per request: all but
 * the last batch while the run is still in progress, the last one with the conclusion, so that a
 * run is never completed with part of its annotations missing.
 */
export async function completeCheckRun(
  gh: GitHubContext,
  checkRun: CheckRun,
  output: CheckRunOutput,
  conclusion: Conclusion,
): Promise<void> {
  const base = {
    title: output.title,
    summary: withinLimit(output.summary),
    ...(output.text !== "" ? { text: withinLimit(output.text) } : {}),
  };
  const batches = chunk(output.annotations, ANNOTATIONS_PER_REQUEST);
  for (const batch of batches.slice(0, -1)) {
    await gh.octokit.rest.checks.update({
      owner: gh.owner,
      repo: gh.repo,
      check_run_id: checkRun.id,
      output: { ...base, annotations: batch.map(copy) },
    });
  }
  const last = batches.at(-1);
  await gh.octokit.rest.checks.update({
    owner: gh.owner,
    repo: gh.repo,
    check_run_id: checkRun.id,
    status: "completed",
    conclusion,
    output: last ? { ...base, annotations: last.map(copy) } : base,
  });
}

function copy(annotation: CheckRunAnnotation): CheckRunAnnotation & Record<string, unknown> {
  return { ...annotation };
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** The renderers keep within the limit; this only guards against a renderer bug failing the check. */
function withinLimit(markdown: string): string {
  if (markdown.length <= MAX_OUTPUT_CHARS) return markdown;
  const note = "\n\n_(cut: the output exceeded GitHub's 65,535-character limit)_";
  const cut = markdown.lastIndexOf("\n", MAX_OUTPUT_CHARS - note.length);
  return `${markdown.slice(0, cut > 0 ? cut : MAX_OUTPUT_CHARS - note.length)}${note}`;
}

/**
 * Completes the check run whatever fails: the full output first; if GitHub refuses it (the
 * throttling already retried secondary rate limits), again after each delay with only the title
 * and summary, which no annotation or size can make GitHub reject. Throws the last error only
 * when every attempt failed.
 */
export async function completeCheckRunSurely(
  gh: GitHubContext,
  checkRun: CheckRun,
  output: CheckRunOutput,
  conclusion: Conclusion,
  retryDelaysMs: readonly number[],
): Promise<void> {
  try {
    await completeCheckRun(gh, checkRun, output, conclusion);
    return;
  } catch (error) {
    if (retryDelaysMs.length === 0) throw error;
    gh.log.warn(
      { deliveryId: gh.deliveryId, checkRunId: checkRun.id },
      "could not complete the check run; trying again with a shorter output",
    );
  }
  const minimal: CheckRunOutput = {
    title: output.title,
    summary: withinLimit(output.summary),
    text: "",
    annotations: [],
  };
  let last: unknown;
  for (const delay of retryDelaysMs) {
    await new Promise((resolve) => setTimeout(resolve, delay));
    try {
      await completeCheckRun(gh, checkRun, minimal, conclusion);
      return;
    } catch (error) {
      last = error;
    }
  }
  throw last;
}
