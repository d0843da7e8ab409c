import { defaultEngine } from "./default-engine.js";
import { type AppDependencies, appDependencies, appIdFromEnvironment } from "./dependencies.js";
import type { AppSettings } from "./settings.js";
import { workerPoolJobs } from "./workers/worker-pool.js";

/**
 * The real engine, run in a pool of worker threads sized and bounded by the settings; the app
 * id from `APP_ID`, as Probot has it.
 */
export function defaultDependencies(
  settings: AppSettings,
  env: NodeJS.ProcessEnv = process.env,
): AppDependencies {
  const appId = appIdFromEnvironment(env);
  const jobs = workerPoolJobs({
    filename: new URL("./workers/engine-worker.js", import.meta.url),
    workers: settings.workers,
    memoryMb: settings.workerMemoryMb,
    timeoutMs: settings.reviewTimeoutMs,
  });
  return appDependencies(defaultEngine, {
    jobs,
    reviewTimeoutMs: settings.reviewTimeoutMs,
    ...(appId !== undefined ? { appId } : {}),
  });
}
