import type { Logger } from "probot";
import { ProbotOctokit } from "probot";

/** Retries of one request after GitHub's secondary rate limit (a 403 or 429 with `retry-after`). */
export const SECONDARY_LIMIT_RETRIES = 3;
/** Retries of one request after the primary rate limit (the hourly quota) ran out. */
export const PRIMARY_LIMIT_RETRIES = 2;
/** A wait longer than this is not worth holding a review for: the request fails instead. */
const MAX_WAIT_S = 120;

/**
 * Octokit's throttling options (`@octokit/plugin-throttling`, which Probot installs): Probot's
 * defaults only log a secondary rate limit and fail the request; GitHub asks integrators to wait
 * `retry-after` seconds and try again
 * (https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api#exceeding-the-rate-limit).
 */
export function throttleOptions() {
  const decide =
    (kind: string, retries: number) =>
    (
      retryAfter: number,
      options: { method?: string; url?: string },
      octokit: { log: Pick<Logger, "warn" | "error"> },
      retryCount: number,
    ) => {
      const { log } = octokit;
      const request = `${options.method ?? ""} ${options.url ?? ""}`.trim();
      if (retryCount < retries && retryAfter <= MAX_WAIT_S) {
        log.warn({ retryAfter, retryCount, request }, `${kind} rate limit: retrying in ${retryAfter} s`);
        return true;
      }
      log.error({ retryAfter, retryCount, request }, `${kind} rate limit: giving up`);
      return false;
    };
  return {
    onSecondaryRateLimit: decide("secondary", SECONDARY_LIMIT_RETRIES),
    onRateLimit: decide("primary", PRIMARY_LIMIT_RETRIES),
  };
}

/** Probot's Octokit with these throttling options (Probot merges its own first: ours go last). */
export function throttledOctokit(overrides: { retryAfterBaseValue?: number } = {}): typeof ProbotOctokit {
  return ProbotOctokit.defaults((instanceOptions: Record<string, unknown>) => ({
    ...instanceOptions,
    throttle: { ...(instanceOptions.throttle as object), ...throttleOptions(), ...overrides },
  }));
}
