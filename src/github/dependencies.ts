import type { ReviewEngine } from "./engine.js";
import { type EngineJobs, inThreadJobs } from "./engine-job.js";
import {
  createFetchCaches,
  DEFAULT_FETCH_LIMITS,
  type FetchCaches,
  type FetchLimits,
} from "./fetch/manifest-files.js";
import { HandledDeliveries } from "./handled-deliveries.js";
import { KeyedQueue } from "./keyed-queue.js";
import { OpenCheckRuns } from "./shutdown.js";

/** What the app is built from; tests swap the engine and the limits. */
export interface AppDependencies {
  readonly engine: ReviewEngine;
  /** Shared by every delivery the process handles: content-addressed, never stale. */
  readonly caches: FetchCaches;
  readonly limits: FetchLimits;
  /**
   * The GitHub App's id (`APP_ID`): comments made through this app carry it, which tells them
   * from look-alikes. The app's bot login is learnt from the check runs it creates.
   */
  readonly appId?: number;
  /** Reviews of one pull request run one at a time, in the order their events arrived. */
  readonly reviews: KeyedQueue;
  /** Check runs started and not completed yet: cancelled if the process stops. */
  readonly openRuns: OpenCheckRuns;
  /** Where loading, reviewing and explaining run: worker threads in the app, this thread in tests. */
  readonly jobs: EngineJobs;
  /** Slash commands of one pull request run one at a time, in the order they arrived. */
  readonly commands: KeyedQueue;
  /** Delivery ids already handled: a redelivery is not handled twice. */
  readonly deliveries: HandledDeliveries;
  /** Waits before each new attempt to complete a check run that GitHub refused to complete. */
  readonly completionRetryDelaysMs: readonly number[];
  /** A review stopped by a limit is older than this; on start, older in-progress runs are stale. */
  readonly reviewTimeoutMs: number;
}

export function appDependencies(
  engine: ReviewEngine,
  overrides: Partial<Omit<AppDependencies, "engine">> = {},
): AppDependencies {
  return {
    engine,
    caches: overrides.caches ?? createFetchCaches(),
    limits: overrides.limits ?? DEFAULT_FETCH_LIMITS,
    ...(overrides.appId !== undefined ? { appId: overrides.appId } : {}),
    reviews: overrides.reviews ?? new KeyedQueue(),
    openRuns: overrides.openRuns ?? new OpenCheckRuns(),
    jobs: overrides.jobs ?? inThreadJobs(engine),
    commands: overrides.commands ?? new KeyedQueue(),
    deliveries: overrides.deliveries ?? new HandledDeliveries(),
    completionRetryDelaysMs: overrides.completionRetryDelaysMs ?? [2_000, 10_000],
    reviewTimeoutMs: overrides.reviewTimeoutMs ?? 300_000,
  };
}

/** `APP_ID` as Probot reads it from the environment, when it is a number. */
export function appIdFromEnvironment(env: NodeJS.ProcessEnv = process.env): number | undefined {
  const id = Number(env.APP_ID);
  return Number.isSafeInteger(id) && id > 0 ? id : undefined;
}
