import { generateKeyPairSync } from "node:crypto";
import { Probot, ProbotOctokit } from "probot";
import type { AppDependencies } from "../../../src/github/dependencies.js";
import { createApp } from "../../../src/github/index.js";
import type { LogRecord } from "./logger.js";
import { recordingLogger } from "./logger.js";

export interface TestApp {
  readonly probot: Probot;
  readonly logs: LogRecord[];
  /** Delivers a webhook event to the app, as Probot's middleware does after verifying it. */
  receive(name: string, payload: unknown, id?: string): Promise<void>;
}

let privateKey: string | undefined;

/** An RSA key for app authentication (JWT → installation token), generated once per run. */
export function testPrivateKey(): string {
  privateKey ??= generateKeyPairSync("rsa", { modulusLength: 2048 })
    .privateKey.export({ type: "pkcs8", format: "pem" })
    .toString();
  return privateKey;
}

/**
 * The app inside a Probot instance with retries and throttling off (so that a 500 fails at
 * once), unless `retry` switches Probot's retries on (with `retryAfterBaseValue` in ms instead
 * of Probot's seconds). By default authenticated by token; `appAuth` authenticates as an app
 * installation, so the token exchange is among the requests.
 */
export async function testApp(
  deps: AppDependencies,
  options: {
    appAuth?: boolean;
    baseUrl?: string;
    retry?: { retries: number; retryAfterBaseValue: number };
  } = {},
): Promise<TestApp> {
  const logs: LogRecord[] = [];
  const probot = new Probot({
    ...(options.appAuth ? { appId: 123, privateKey: testPrivateKey() } : { githubToken: "test-token" }),
    ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}),
    // Probot passes its own throttle options to every instance: switch them off after the merge.
    Octokit: ProbotOctokit.defaults((instanceOptions: Record<string, unknown>) => ({
      ...instanceOptions,
      retry: options.retry ? { enabled: true, ...options.retry } : { enabled: false },
      throttle: { ...(instanceOptions.throttle as object), enabled: false },
    })),
    log: recordingLogger(logs),
  });
  await probot.load(createApp(deps));
  let counter = 0;
  return {
    probot,
    logs,
    receive: (name, payload, id) =>
      // biome-ignore lint/suspicious/noExplicitAny: event names and payloads are checked by the fixtures
      probot.receive({ id: id ?? `delivery-${++counter}`, name: name as any, payload: payload as any }),
  };
}
