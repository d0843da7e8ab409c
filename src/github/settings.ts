import { availableParallelism } from "node:os";

/**
 * The App's own settings, from the environment (the repository configuration cannot change
 * them: they bound what any repository may cost the process). Probot reads its own variables
 * (`APP_ID`, `PRIVATE_KEY_PATH`, `WEBHOOK_SECRET`, ...); docs/install.md lists both.
 */
export interface AppSettings {
  /** `WORKERS`: reviews run at once, one per worker thread (default: cores − 1, at least 1). */
  readonly workers: number;
  /** `REVIEW_TIMEOUT_S`: a review (or an explanation) running longer is stopped (default 300). */
  readonly reviewTimeoutMs: number;
  /** `WORKER_MEMORY_MB`: the heap limit of each worker thread (default 2048). */
  readonly workerMemoryMb: number;
  /** `SHUTDOWN_GRACE_S`: on SIGTERM, the time given to complete the open check runs (default 8, below 30). */
  readonly shutdownGraceMs: number;
}

/** A setting that cannot be used: the app refuses to start, saying which and why, on one line. */
export class SettingsError extends Error {
  override readonly name = "SettingsError";
}

/** Probot's webhook secret when none is set (`probot run` falls back to it): public, so no secret at all. */
export const PROBOT_DEFAULT_SECRET = "development";

export function appSettings(env: NodeJS.ProcessEnv = process.env): AppSettings {
  return {
    workers: integer(env, "WORKERS", Math.max(1, availableParallelism() - 1), { min: 1, max: 256 }),
    reviewTimeoutMs: integer(env, "REVIEW_TIMEOUT_S", 300, { min: 1, max: 3600 }) * 1000,
    workerMemoryMb: integer(env, "WORKER_MEMORY_MB", 2048, { min: 64, max: 65_536 }),
    // Kubernetes sends SIGKILL 30 s after SIGTERM by default, docker 10 s.
    shutdownGraceMs: integer(env, "SHUTDOWN_GRACE_S", 8, { min: 1, max: 29 }) * 1000,
  };
}

/**
 * Refuses a webhook secret that is missing or Probot's public default, unless `NODE_ENV` says
 * development or test: with it, anyone can sign a webhook (a forged `synchronize` can turn a
 * failing required check green).
 */
export function checkWebhookSecret(env: NodeJS.ProcessEnv = process.env): void {
  if (env.NODE_ENV === "development" || env.NODE_ENV === "test") return;
  const secret = env.WEBHOOK_SECRET;
  if (secret === undefined || secret === "")
    throw new SettingsError(
      "WEBHOOK_SECRET is not set: without it anyone can forge webhooks. Set the secret configured in the GitHub App's settings (or NODE_ENV=development for local work).",
    );
  if (secret === PROBOT_DEFAULT_SECRET)
    throw new SettingsError(
      `WEBHOOK_SECRET is Probot's public default ("${PROBOT_DEFAULT_SECRET}"): anyone can forge webhooks with it. Set a random secret in the GitHub App's settings and here.`,
    );
}

function integer(
  env: NodeJS.ProcessEnv,
  name: string,
  fallback: number,
  bounds: { min: number; max: number },
): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < bounds.min || value > bounds.max)
    throw new SettingsError(
      `${name} must be a whole number from ${bounds.min} to ${bounds.max}, not ${JSON.stringify(raw)}`,
    );
  return value;
}
