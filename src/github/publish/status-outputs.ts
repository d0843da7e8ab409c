import type { ConfigError } from "../../config/parse.js";
import { CONFIG_PATH } from "../../config/schema.js";
import { describeConfigErrors } from "../../report/config-errors.js";
import { code, escapeMarkdown, shortSha } from "../../report/inline-markdown.js";
import type { Verdict } from "../../report/verdict.js";
import type { CheckRunOutput } from "../engine.js";
import type { EngineLimitError } from "../workers/worker-pool.js";

// Check run outputs for the cases where there is no review to render. Reviews themselves are
// rendered by src/report; these are the app's own states.

export function invalidConfigOutput(errors: readonly ConfigError[]): CheckRunOutput {
  return {
    title: `Invalid configuration: ${errors.length} problem${errors.length === 1 ? "" : "s"} in ${CONFIG_PATH}`,
    summary: [
      `The configuration ${code(CONFIG_PATH)} in the pull request's base branch is not valid, so the review did not run.`,
      "",
      describeConfigErrors(errors),
      "",
      "Fix the file on the base branch (a pull request cannot change the configuration it is checked with), then re-run this check. The keys are documented in `docs/configuration.md`.",
    ].join("\n"),
    text: "",
    annotations: [],
  };
}

export function noManifestChangesOutput(headSha: string): CheckRunOutput {
  return {
    title: "No manifest changes",
    summary: `This pull request changes no file that the manifest globs (\`manifests.include\` / \`manifests.exclude\`) select, at ${code(shortSha(headSha))}. Nothing to review.`,
    text: "",
    annotations: [],
  };
}

/** The sticky comment's body when a pull request that once changed manifests no longer does. */
export function noManifestChangesComment(marker: string): string {
  return `${marker}\n### netpol-review\n\nThis pull request no longer changes any manifest: no network path opens or closes.\n`;
}

/**
 * The check of a review whose head moved while it ran. `published` names what it had already
 * written before it noticed (the sticky comment, say), which the newer review overwrites.
 */
export function supersededOutput(
  reviewedSha: string,
  currentSha: string,
  published: readonly string[] = [],
): CheckRunOutput {
  const what =
    published.length === 0
      ? "Its results were not published; the review of the newer head replaces them."
      : `It had already updated ${published.join(" and ")} and published nothing more; the review of the newer head replaces ${published.length === 1 ? "it" : "them"}.`;
  return {
    title: "Superseded by a newer push",
    summary: `The pull request's head moved from ${code(shortSha(reviewedSha))} to ${code(shortSha(currentSha))} while this review ran. ${what}`,
    text: "",
    annotations: [],
  };
}

/** The note on a review whose list of changed files GitHub cut short. */
export function incompleteFilesNote(listed: number, total: number | undefined): string {
  const of = total !== undefined && total > listed ? ` of its ${total}` : "";
  return `GitHub listed only ${listed}${of} changed files of this pull request (it lists at most 3,000). The review compared the whole trees all the same; inline comments could only go on the listed files.`;
}

/** What a check run the app could not finish says when the app stops (a restart, a deployment). */
export function stoppedOutput(signal: string): CheckRunOutput {
  return {
    title: "Stopped: the app shut down",
    summary: [
      `netpol-review was stopped (${code(signal)}: a restart or a new deployment) before this review finished, so the check has no result.`,
      "",
      "Re-run this check, or comment `/netpol recheck` on the pull request.",
    ].join("\n"),
    text: "",
    annotations: [],
  };
}

export function errorOutput(description: string, deliveryId: string): CheckRunOutput {
  return {
    title: "The review could not complete",
    summary: [
      `netpol-review stopped before it could publish a review: ${escapeMarkdown(description)}.`,
      "",
      `Re-run this check, or comment \`/netpol recheck\` on the pull request. If it keeps failing, the app's logs have the details under delivery id ${code(deliveryId)}.`,
    ].join("\n"),
    text: "",
    annotations: [],
  };
}

/**
 * A review stopped by the app's time or memory limit. It fails rather than passes neutral: a
 * required check accepts `neutral`, and a pull request must not pass unreviewed by being large.
 */
export function limitOutput(error: EngineLimitError): CheckRunOutput {
  return {
    title:
      error.limit === "time"
        ? "Not reviewed: the review took too long"
        : "Not reviewed: the review ran out of memory",
    summary: [
      `netpol-review could not review this pull request: ${escapeMarkdown(error.message)}.`,
      "",
      "Nothing was concluded about the network paths this change opens or closes.",
    ].join("\n"),
    text: "",
    annotations: [],
  };
}

/** A run left in progress by an app that stopped without completing it (a crash, a kill). */
export function interruptedOutput(): CheckRunOutput {
  return {
    title: "Interrupted",
    summary:
      "netpol-review was interrupted (the app restarted before this review finished), so the check has no result: push again or comment `/netpol recheck` on the pull request.",
    text: "",
    annotations: [],
  };
}

/** The review's own output, with the verdict stated first when the check fails. */
export function withVerdict(output: CheckRunOutput, verdict: Verdict): CheckRunOutput {
  if (verdict.reasons.length === 0) return output;
  const why = verdict.reasons.map((reason) => `- ${reason}`).join("\n");
  return {
    ...output,
    summary: `**This check fails** because the pull request:\n${why}\n\n${output.summary}`,
  };
}

/** The output with a note (plain text) at the end of its summary. */
export function withNote(output: CheckRunOutput, note: string): CheckRunOutput {
  return { ...output, summary: `${output.summary}\n\n> ${escapeMarkdown(note)}` };
}
