import { afterEach, describe, expect, it } from "vitest";
import type { EngineJob, EngineJobs } from "../../src/github/engine-job.js";
import { EngineLimitError, workerPoolJobs } from "../../src/github/workers/worker-pool.js";

// The pool with a stand-in worker (helpers/workers/limits-worker.mjs): the limits, not the engine.

const WORKER = new URL("./helpers/workers/limits-worker.mjs", import.meta.url);
let pool: EngineJobs | undefined;

afterEach(async () => {
  await pool?.close();
  pool = undefined;
});

const job = (kind: string) => ({ kind }) as unknown as EngineJob;

describe("the review worker pool", () => {
  it("stops a job over the time limit, says so in words, and replaces the thread", async () => {
    pool = workerPoolJobs({ filename: WORKER, workers: 1, memoryMb: 256, timeoutMs: 1500 });
    const first = (await pool.run(job("answer"))) as unknown as { threadId: number };
    const stopped = await pool.run(job("spin")).catch((error: unknown) => error);
    expect(stopped).toBeInstanceOf(EngineLimitError);
    expect((stopped as EngineLimitError).limit).toBe("time");
    expect((stopped as Error).message).toBe(
      "the review took longer than the 1.5 s limit (REVIEW_TIMEOUT_S) and was stopped; narrow manifests.include, or ask the app's operator to raise the limit",
    );
    const next = (await pool.run(job("answer"))) as unknown as { threadId: number };
    expect(next.threadId).not.toBe(first.threadId);
  }, 30_000);

  it("stops a job that runs out of its thread's memory, says so, and replaces the thread", async () => {
    pool = workerPoolJobs({ filename: WORKER, workers: 1, memoryMb: 64, timeoutMs: 60_000 });
    const stopped = await pool.run(job("allocate")).catch((error: unknown) => error);
    expect(stopped).toBeInstanceOf(EngineLimitError);
    expect((stopped as EngineLimitError).limit).toBe("memory");
    expect((stopped as Error).message).toContain(
      "ran out of memory (the limit is 64 MB per review, WORKER_MEMORY_MB)",
    );
    expect(await pool.run(job("answer"))).toMatchObject({ kind: "answer" });
  }, 60_000);

  it("runs at most `workers` jobs at once; the time limit starts when a thread takes the job", async () => {
    pool = workerPoolJobs({ filename: WORKER, workers: 1, memoryMb: 256, timeoutMs: 1500 });
    // The spinning job holds the only thread until its limit; the answer waits, then runs.
    const [spun, answered] = await Promise.allSettled([pool.run(job("spin")), pool.run(job("answer"))]);
    expect(spun.status).toBe("rejected");
    expect(answered).toMatchObject({ status: "fulfilled", value: { kind: "answer" } });
  }, 30_000);

  it("refuses jobs once closed", async () => {
    pool = workerPoolJobs({ filename: WORKER, workers: 1, memoryMb: 256, timeoutMs: 1000 });
    await pool.close();
    await expect(pool.run(job("answer"))).rejects.toThrow("the app is stopping");
    pool = undefined;
  });
});
