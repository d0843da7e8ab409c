import { availableParallelism } from "node:os";
import { describe, expect, it } from "vitest";
import { appSettings, checkWebhookSecret, SettingsError } from "../../src/github/settings.js";

describe("the app's settings (environment)", () => {
  it("default to cores − 1 workers (at least 1), a 300 s review limit, 2048 MB per worker, an 8 s grace period", () => {
    expect(appSettings({})).toEqual({
      workers: Math.max(1, availableParallelism() - 1),
      reviewTimeoutMs: 300_000,
      workerMemoryMb: 2048,
      shutdownGraceMs: 8_000,
    });
    expect(
      appSettings({ WORKERS: "3", REVIEW_TIMEOUT_S: "60", WORKER_MEMORY_MB: "512", SHUTDOWN_GRACE_S: "20" }),
    ).toEqual({
      workers: 3,
      reviewTimeoutMs: 60_000,
      workerMemoryMb: 512,
      shutdownGraceMs: 20_000,
    });
  });

  it("refuse values out of range, and a grace period Kubernetes would cut short (30 s)", () => {
    expect(() => appSettings({ WORKERS: "0" })).toThrow(SettingsError);
    expect(() => appSettings({ SHUTDOWN_GRACE_S: "30" })).toThrow(
      'SHUTDOWN_GRACE_S must be a whole number from 1 to 29, not "30"',
    );
    expect(() => appSettings({ WORKER_MEMORY_MB: "1.5" })).toThrow(SettingsError);
  });

  it("a missing or default webhook secret is refused unless NODE_ENV is development or test", () => {
    expect(() => checkWebhookSecret({ NODE_ENV: "production" })).toThrow("WEBHOOK_SECRET is not set");
    expect(() => checkWebhookSecret({})).toThrow("WEBHOOK_SECRET is not set");
    expect(() => checkWebhookSecret({ WEBHOOK_SECRET: "development" })).toThrow("Probot's public default");
    expect(() => checkWebhookSecret({ NODE_ENV: "development" })).not.toThrow();
    expect(() => checkWebhookSecret({ NODE_ENV: "test", WEBHOOK_SECRET: "development" })).not.toThrow();
    expect(() => checkWebhookSecret({ WEBHOOK_SECRET: "a long random secret" })).not.toThrow();
  });
});
