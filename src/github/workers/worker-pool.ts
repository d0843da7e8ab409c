import { Tinypool } from "tinypool";
import type { EngineJob, EngineJobResult, EngineJobs } from "../engine-job.js";
import { ReviewError } from "../errors.js";

export interface WorkerPoolOptions {
  /** The worker's module (`engine-worker.js` next to this file, once built). */
  readonly filename: URL;
  /** Jobs run at once, one per thread; later ones wait for a free thread. */
  readonly workers: number;
  /** The V8 heap limit of each thread (`resourceLimits.maxOldGenerationSizeMb`). */
  readonly memoryMb: number;
  /** A job running longer than this is stopped: its thread is terminated and replaced. */
  readonly timeoutMs: number;
}

/** A job stopped by a limit of the pool: the message says which, in words for the check run. */
export class EngineLimitError extends ReviewError {
  constructor(
    readonly limit: "time" | "memory",
    message: string,
  ) {
    super(message);
  }
}

/**
 * Engine jobs in worker threads (tinypool), so that loading and reviewing a large repository
 * never blocks the thread that answers webhooks and `/ping`. The time limit runs from the moment
 * a thread takes the job, not while it waits for one: the pool's own queue is never used, jobs
 * wait here until one of `workers` slots is free.
 */
export function workerPoolJobs(options: WorkerPoolOptions): EngineJobs {
  const pool = new Tinypool({
    filename: options.filename.href,
    minThreads: 0,
    maxThreads: options.workers,
    // A thread idle for a minute is stopped: an idle app holds no review heap.
    idleTimeout: 60_000,
    isolateWorkers: false,
    resourceLimits: { maxOldGenerationSizeMb: options.memoryMb },
  });
  const waiting: (() => void)[] = [];
  const running = new Set<AbortController>();
  let busy = 0;
  let closed = false;

  // A slot is taken synchronously, so that jobs submitted together never both see a free one.
  const acquire = (): Promise<void> | undefined => {
    if (busy < options.workers) {
      busy++;
      return undefined;
    }
    return new Promise<void>((resolve) => waiting.push(resolve));
  };
  // A finished job hands its slot straight to the next waiting one, or frees it.
  const release = (): void => {
    const next = waiting.shift();
    if (next) next();
    else busy--;
  };

  return {
    async run(job: EngineJob): Promise<EngineJobResult> {
      if (closed) throw new ReviewError("the app is stopping: the review was not started");
      await acquire();
      if (closed) {
        release();
        throw new ReviewError("the app is stopping: the review was not started");
      }
      const controller = new AbortController();
      running.add(controller);
      const timer = setTimeout(() => controller.abort("time"), options.timeoutMs);
      try {
        return (await pool.run(job, { signal: controller.signal })) as EngineJobResult;
      } catch (error) {
        throw limitError(error, controller.signal, options);
      } finally {
        clearTimeout(timer);
        running.delete(controller);
        release();
      }
    },
    async close(): Promise<void> {
      closed = true;
      for (const release of waiting.splice(0)) release();
      for (const controller of running) controller.abort("closed");
      await pool.destroy();
    },
  };
}

function limitError(error: unknown, signal: AbortSignal, options: WorkerPoolOptions): unknown {
  if (signal.aborted && signal.reason === "time")
    return new EngineLimitError(
      "time",
      `the review took longer than the ${options.timeoutMs / 1000} s limit (REVIEW_TIMEOUT_S) and was stopped; narrow manifests.include, or ask the app's operator to raise the limit`,
    );
  if (signal.aborted) return new ReviewError("the app is stopping: the review was interrupted");
  if ((error as { code?: unknown }).code === "ERR_WORKER_OUT_OF_MEMORY")
    return new EngineLimitError(
      "memory",
      `the review ran out of memory (the limit is ${options.memoryMb} MB per review, WORKER_MEMORY_MB) and was stopped; narrow manifests.include, or ask the app's operator to raise the limit`,
    );
  return error;
}
