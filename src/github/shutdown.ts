import { constants } from "node:os";
import type { Logger } from "probot";
import { describeError, loggableError } from "./errors.js";
import type { GitHubContext } from "./github-context.js";
import { type CheckRun, completeCheckRun } from "./publish/check-run.js";
import { stoppedOutput } from "./publish/status-outputs.js";

/**
 * The check runs this process created and has not completed yet, with the installation client
 * that created each, so that they can be completed when the process stops.
 */
export class OpenCheckRuns {
  private readonly runs = new Map<number, { readonly gh: GitHubContext; readonly run: CheckRun }>();

  add(gh: GitHubContext, run: CheckRun): void {
    this.runs.set(run.id, { gh, run });
  }

  delete(run: CheckRun): void {
    this.runs.delete(run.id);
  }

  get size(): number {
    return this.runs.size;
  }

  /**
   * Completes every open run as `cancelled`, saying the app stopped and how to re-run it. Runs
   * that cannot be completed are logged; the others are completed regardless.
   */
  async cancelAll(signal: string, log: Logger): Promise<{ cancelled: number; failed: number }> {
    const open = [...this.runs.values()];
    this.runs.clear();
    const results = await Promise.allSettled(
      open.map(({ gh, run }) => completeCheckRun(gh, run, stoppedOutput(signal), "cancelled")),
    );
    let failed = 0;
    results.forEach((result, i) => {
      if (result.status === "fulfilled") return;
      failed++;
      const { gh, run } = open[i] as (typeof open)[number];
      log.error(
        { error: loggableError(result.reason), deliveryId: gh.deliveryId, checkRunId: run.id },
        `could not cancel the check run on shutdown: ${describeError(result.reason)}`,
      );
    });
    return { cancelled: open.length - failed, failed };
  }
}

export interface ShutdownOptions {
  readonly openRuns: OpenCheckRuns;
  readonly log: Logger;
  /** `process.exit`, or a stand-in in tests. */
  readonly exit: (code: number) => void;
  /** Give up on the GitHub calls after this long and exit anyway (8 s: `docker stop` waits 10). */
  readonly timeoutMs?: number;
}

/**
 * What the process does on SIGTERM / SIGINT: complete every open check run as `cancelled` (no
 * check is left `in_progress` by a restart), then exit with the signal's conventional status
 * (128 + its number). Another signal while this runs does not start it again (and the same
 * signal a second time, with no handler left, ends the process at once).
 */
export function shutdownHandler(options: ShutdownOptions): (signal: NodeJS.Signals) => Promise<void> {
  let stopping = false;
  return async (signal) => {
    if (stopping) return;
    stopping = true;
    const { openRuns, log } = options;
    log.info({ signal, openCheckRuns: openRuns.size }, "stopping: cancelling the open check runs");
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<"timeout">((resolve) => {
      timer = setTimeout(() => resolve("timeout"), options.timeoutMs ?? 8_000);
    });
    const outcome = await Promise.race([openRuns.cancelAll(signal, log), timeout]);
    clearTimeout(timer);
    if (outcome === "timeout") log.error({ signal }, "stopping: gave up waiting for GitHub");
    else log.info({ signal, ...outcome }, "stopped");
    options.exit(128 + (constants.signals[signal] ?? 0));
  };
}

/** The part of `process` the handlers are installed on. */
export interface SignalSource {
  once(event: NodeJS.Signals, listener: (signal: NodeJS.Signals) => void): unknown;
}

/** Installs the shutdown handler for SIGTERM and SIGINT on `target` (the process). */
export function stopOnSignals(target: SignalSource, options: ShutdownOptions): void {
  const handler = shutdownHandler(options);
  for (const signal of ["SIGTERM", "SIGINT"] as const)
    target.once(signal, (received) => {
      void handler(received ?? signal);
    });
}
