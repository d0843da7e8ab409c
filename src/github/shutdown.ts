import { constants } from "node:os";
import type { Logger } from "probot";
import { describeError, loggableError, ReviewError } from "./errors.js";
import type { GitHubContext } from "./github-context.js";
import { type CheckRun, completeCheckRun } from "./publish/check-run.js";
import { stoppedOutput } from "./publish/status-outputs.js";

/**
 * The check runs this process created and has not completed yet, with the installation client
 * that created each, so that they can be completed when the process stops. Runs whose creation
 * is still in flight count too: one created after the stop began is cancelled as soon as it
 * exists.
 */
export class OpenCheckRuns {
  private readonly runs = new Map<number, { readonly gh: GitHubContext; readonly run: CheckRun }>();
  private readonly creating = new Set<Promise<unknown>>();
  private stopSignal: string | undefined;
  private lateCancels = { cancelled: 0, failed: 0 };

  /** Creates a run through `create` and registers it; refused (`StoppingError`) once the process is stopping. */
  async create(gh: GitHubContext, create: () => Promise<CheckRun>): Promise<CheckRun> {
    if (this.stopSignal !== undefined) throw new StoppingError();
    const task = create().then(async (run) => {
      if (this.stopSignal === undefined) {
        this.runs.set(run.id, { gh, run });
        return run;
      }
      // Created while stopping: cancelled at once, never left in progress.
      const [result] = await this.cancel([{ gh, run }], this.stopSignal, gh.log);
      if (result === "cancelled") this.lateCancels.cancelled++;
      else this.lateCancels.failed++;
      throw new StoppingError();
    });
    this.creating.add(task);
    try {
      return await task;
    } finally {
      this.creating.delete(task);
    }
  }

  delete(run: CheckRun): void {
    this.runs.delete(run.id);
  }

  get size(): number {
    return this.runs.size + this.creating.size;
  }

  get stopping(): boolean {
    return this.stopSignal !== undefined;
  }

  /**
   * Completes every open run as `cancelled`, saying the app stopped and how to re-run it, and
   * every run still being created as soon as it exists. Runs that cannot be completed are
   * logged; the others are completed regardless.
   */
  async cancelAll(signal: string, log: Logger): Promise<{ cancelled: number; failed: number }> {
    this.stopSignal = signal;
    const open = [...this.runs.values()];
    this.runs.clear();
    const results = await this.cancel(open, signal, log);
    await Promise.allSettled([...this.creating]);
    const failed = results.filter((r) => r === "failed").length;
    return {
      cancelled: results.length - failed + this.lateCancels.cancelled,
      failed: failed + this.lateCancels.failed,
    };
  }

  private async cancel(
    open: readonly { readonly gh: GitHubContext; readonly run: CheckRun }[],
    signal: string,
    log: Logger,
  ): Promise<("cancelled" | "failed")[]> {
    const results = await Promise.allSettled(
      open.map(({ gh, run }) => completeCheckRun(gh, run, stoppedOutput(signal), "cancelled")),
    );
    return results.map((result, i) => {
      if (result.status === "fulfilled") return "cancelled";
      const { gh, run } = open[i] as (typeof open)[number];
      log.error(
        { error: loggableError(result.reason), deliveryId: gh.deliveryId, checkRunId: run.id },
        `could not cancel the check run on shutdown: ${describeError(result.reason)}`,
      );
      return "failed";
    });
  }
}

/** The process is stopping: no new check run, no new review. */
export class StoppingError extends ReviewError {
  constructor() {
    super("the app is stopping");
  }
}

export interface ShutdownOptions {
  readonly openRuns: OpenCheckRuns;
  readonly log: Logger;
  /** `process.exit`, or a stand-in in tests. */
  readonly exit: (code: number) => void;
  /** Give up on the GitHub calls after this long and exit anyway (8 s: `docker stop` waits 10). */
  readonly timeoutMs?: number;
  /** Called first: from then on deliveries are refused (503). */
  readonly stopAccepting?: () => void;
  /** Called once the runs are completed, before exiting: the worker threads, the server. */
  readonly release?: () => Promise<void>;
}

/**
 * What the process does on SIGTERM / SIGINT: refuse new deliveries, complete every open check
 * run (those being created included) as `cancelled` (no check is left `in_progress` by a
 * restart), stop the workers, then exit with the signal's conventional status
 * (128 + its number). Another signal while this runs does not start it again (and the same
 * signal a second time, with no handler left, ends the process at once).
 */
export function shutdownHandler(options: ShutdownOptions): (signal: NodeJS.Signals) => Promise<void> {
  let stopping = false;
  return async (signal) => {
    if (stopping) return;
    stopping = true;
    const { openRuns, log } = options;
    options.stopAccepting?.();
    log.info({ signal, openCheckRuns: openRuns.size }, "stopping: cancelling the open check runs");
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<"timeout">((resolve) => {
      timer = setTimeout(() => resolve("timeout"), options.timeoutMs ?? 8_000);
    });
    const outcome = await Promise.race([openRuns.cancelAll(signal, log), timeout]);
    clearTimeout(timer);
    if (options.release) await withinMs(options.release(), 1_000);
    if (outcome === "timeout") log.error({ signal }, "stopping: gave up waiting for GitHub");
    else log.info({ signal, ...outcome }, "stopped");
    options.exit(128 + (constants.signals[signal] ?? 0));
  };
}

/** Waits for `work` at most `ms` (its failure is ignored: the process is exiting anyway). */
async function withinMs(work: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([
    work.catch(() => undefined),
    new Promise((resolve) => {
      timer = setTimeout(resolve, ms);
    }),
  ]);
  clearTimeout(timer);
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
