import type { ApplicationFunctionOptions, Probot } from "probot";
import { defaultDependencies } from "./default-dependencies.js";
import { describeError, loggableError } from "./errors.js";
import { createApp } from "./index.js";
import { completeInterruptedRuns } from "./interrupted-runs.js";
import { type AppSettings, appSettings, checkWebhookSecret, SettingsError } from "./settings.js";
import { stopOnSignals } from "./shutdown.js";

/**
 * The settings, or the process ends: a missing or default webhook secret, or a bad limit, is one
 * line on stderr and status 1 (before anything else starts).
 */
export function settingsOrExit(env: NodeJS.ProcessEnv = process.env): AppSettings {
  try {
    checkWebhookSecret(env);
    return appSettings(env);
  } catch (error) {
    if (!(error instanceof SettingsError)) throw error;
    process.stderr.write(`netpol-review refuses to start: ${error.message}\n`);
    process.exit(1);
  }
}

export interface ProcessHooks {
  /** From SIGTERM on, deliveries are refused (503). */
  readonly stopAccepting?: () => void;
  /** After the runs are completed: close the HTTP server. */
  readonly release?: () => Promise<void>;
}

/**
 * The real app in this process: settings checked (a missing or default webhook secret, or a bad
 * limit, stops the process with one line on stderr and status 1), the engine in worker threads,
 * SIGTERM / SIGINT handled, and the runs a previous process left in progress completed.
 */
export async function startApp(
  app: Probot,
  options: ApplicationFunctionOptions,
  hooks: ProcessHooks = {},
): Promise<void> {
  const settings = settingsOrExit();
  const deps = defaultDependencies(settings);
  stopOnSignals(process, {
    openRuns: deps.openRuns,
    log: app.log,
    exit: (code) => process.exit(code),
    timeoutMs: settings.shutdownGraceMs,
    ...(hooks.stopAccepting ? { stopAccepting: hooks.stopAccepting } : {}),
    release: async () => {
      await deps.jobs.close();
      await hooks.release?.();
    },
  });
  await createApp(deps)(app, options);
  app.log.info(
    {
      workers: settings.workers,
      reviewTimeoutS: settings.reviewTimeoutMs / 1000,
      workerMemoryMb: settings.workerMemoryMb,
    },
    "netpol-review ready",
  );
  if (deps.appId !== undefined) {
    // In the background: the server answers meanwhile.
    const appId = deps.appId;
    void completeInterruptedRuns(app, { appId, olderThanMs: settings.reviewTimeoutMs + 60_000 }).then(
      ({ completed }) => app.log.info({ completed }, "interrupted check runs completed as cancelled"),
      (error: unknown) =>
        app.log.warn(
          { error: loggableError(error) },
          `could not look for interrupted check runs: ${describeError(error)}`,
        ),
    );
  }
}
