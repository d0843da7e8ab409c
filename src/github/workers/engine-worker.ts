import { defaultEngine } from "../default-engine.js";
import { type EngineJob, type EngineJobResult, runEngineJob } from "../engine-job.js";

// The entry point of a review worker thread (tinypool calls the default export once per job).
// Nothing else belongs here: the job is `runEngineJob`, the same function the tests run in-thread.

export default function engineWorker(job: EngineJob): EngineJobResult {
  return runEngineJob(defaultEngine, job);
}
