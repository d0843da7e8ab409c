// A stand-in engine worker for the pool's limits: a job that spins past the time limit, one
// that allocates until the heap limit kills its thread, and one that answers with its thread id.
import { threadId } from "node:worker_threads";

export default function limitsWorker(job) {
  if (job.kind === "spin") {
    for (;;) {
      // Busy: the thread is never idle, only terminating it stops the job.
    }
  }
  if (job.kind === "allocate") {
    const kept = [];
    for (;;) kept.push(new Array(1_000_000).fill(kept.length));
  }
  return { kind: "answer", threadId };
}
