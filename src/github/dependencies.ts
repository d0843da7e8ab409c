import type { ReviewEngine } from "./engine.js";
import {
  createFetchCaches,
  DEFAULT_FETCH_LIMITS,
  type FetchCaches,
  type FetchLimits,
} from "./fetch/manifest-files.js";

/** What the app is built from; tests swap the engine and the limits. */
export interface AppDependencies {
  readonly engine: ReviewEngine;
  /** Shared by every delivery the process handles: content-addressed, never stale. */
  readonly caches: FetchCaches;
  readonly limits: FetchLimits;
}

export function appDependencies(
  engine: ReviewEngine,
  overrides: Partial<Omit<AppDependencies, "engine">> = {},
): AppDependencies {
  return {
    engine,
    caches: overrides.caches ?? createFetchCaches(),
    limits: overrides.limits ?? DEFAULT_FETCH_LIMITS,
  };
}
