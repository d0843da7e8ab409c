import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generatePair } from "../../bench/generate.js";
import { type AppProcess, build, fakeGitHubServer, startApp } from "./helpers/app-server.js";
import { commentEvent, pullRequestEvent } from "./helpers/events.js";

// While a large review runs in a worker thread, the main thread keeps answering `/ping` and
// webhooks. Measured over HTTP against the built server (`main.js`); the figures are printed,
// never asserted (a shared machine's timings are not a test). docs/performance.md records a run
// with NETPOL_LATENCY_WORKLOADS=10000.

const WORKLOADS = Number(process.env.NETPOL_LATENCY_WORKLOADS ?? 2_000);

let fake: Awaited<ReturnType<typeof fakeGitHubServer>>;
let app: AppProcess;

beforeAll(async () => {
  await build();
  fake = await fakeGitHubServer();
  app = await startApp(fake.host, { WORKERS: "1", REVIEW_TIMEOUT_S: "600" });
  await app.waitFor((out) => out.includes("Listening on"));
}, 120_000);

afterAll(async () => {
  await app?.stop();
  await fake?.close();
});

describe("the server while a review runs", () => {
  it(`answers /ping and webhooks while a ${WORKLOADS}-workload review runs`, async () => {
    const { gh } = fake;
    const pair = generatePair(WORKLOADS);
    const base = gh.commit(Object.fromEntries(pair.base.map((f) => [f.path, f.content])));
    const head = gh.commit(Object.fromEntries(pair.head.map((f) => [f.path, f.content])));
    gh.pull({ number: 41, base: { ref: "main", sha: base }, head: { ref: "big", sha: head } });
    const started = Date.now();
    const delivery = app.deliver(
      "pull_request",
      pullRequestEvent({ headSha: head, baseSha: base, number: 41 }),
    );
    await app.waitFor((out) => out.includes('"msg":"fetched manifests"'), 300_000);
    const reviewing = () => gh.checkRuns[0]?.status !== "completed";
    const ping: number[] = [];
    const webhook: number[] = [];
    let n = 0;
    while (reviewing()) {
      const t0 = performance.now();
      const pong = await fetch(`${app.url}/ping`);
      const t1 = performance.now();
      // A comment without a command: the whole webhook path (signature, routing, filters).
      const ack = await app.deliver("issue_comment", commentEvent({ body: `just a comment ${n++}` }));
      const t2 = performance.now();
      expect(pong.status).toBe(200);
      expect(ack.status).toBe(200);
      if (reviewing()) {
        ping.push(t1 - t0);
        webhook.push(t2 - t1);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await delivery;
    expect(gh.checkRuns[0]?.conclusion, gh.checkRuns[0]?.output?.title).toBe("success");
    expect(ping.length).toBeGreaterThan(0);
    process.stdout.write(
      `\nlatency while a ${WORKLOADS}-workload review ran (${((Date.now() - started) / 1000).toFixed(1)} s from delivery to completed check, ${ping.length} samples): ` +
        `/ping p50 ${percentile(ping, 50)} ms p99 ${percentile(ping, 99)} ms max ${percentile(ping, 100)} ms; ` +
        `webhook p50 ${percentile(webhook, 50)} ms p99 ${percentile(webhook, 99)} ms max ${percentile(webhook, 100)} ms\n`,
    );
  }, 600_000);
});

function percentile(samples: readonly number[], p: number): string {
  const sorted = [...samples].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return (sorted[index] ?? 0).toFixed(1);
}
