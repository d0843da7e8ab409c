import { EventEmitter } from "node:events";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type AppDependencies, appDependencies } from "../../src/github/dependencies.js";
import { KeyedQueue } from "../../src/github/keyed-queue.js";
import { shutdownHandler, stopOnSignals } from "../../src/github/shutdown.js";
import { pullRequestEvent } from "./helpers/events.js";
import { fakeEngine } from "./helpers/fake-engine.js";
import { FakeGitHub } from "./helpers/fake-github.js";
import { type LogRecord, recordingLogger } from "./helpers/logger.js";
import { deploymentYaml, policyYaml } from "./helpers/manifests.js";
import { interceptGitHub, resetNock } from "./helpers/nock-github.js";
import { type TestApp, testApp } from "./helpers/test-app.js";

// What happens to reviews in flight when the process is told to stop. No real signal is sent
// to the test process: the handler is called directly, or installed on a stand-in emitter.

let gh: FakeGitHub;
let deps: AppDependencies;
let app: TestApp;
let logs: LogRecord[];
let exits: number[];

beforeEach(async () => {
  gh = new FakeGitHub();
  interceptGitHub(gh);
  deps = appDependencies(fakeEngine());
  app = await testApp(deps);
  logs = [];
  exits = [];
});

afterEach(() => {
  resetNock();
});

function pullRequest(number = 7) {
  const files = { "deploy/db.yaml": deploymentYaml("shop", "db", "db", 5432) };
  const base = gh.commit(files);
  const head = gh.commit({ ...files, [`deploy/p${number}.yaml`]: policyYaml("shop", `p${number}`) });
  gh.pull({ number, base: { ref: "main", sha: base }, head: { ref: `branch-${number}`, sha: head } });
  return { base, head, number };
}

const review = (pr: { base: string; head: string; number: number }) =>
  app.receive("pull_request", pullRequestEvent({ headSha: pr.head, baseSha: pr.base, number: pr.number }));

const handler = (timeoutMs?: number) =>
  shutdownHandler({
    openRuns: deps.openRuns,
    log: recordingLogger(logs),
    exit: (code) => exits.push(code),
    ...(timeoutMs !== undefined ? { timeoutMs } : {}),
  });

describe("stopping the app", () => {
  it("SIGTERM completes every check run still in progress as cancelled, saying why, then exits", async () => {
    const first = pullRequest(7);
    const second = pullRequest(8);
    // Both reviews are reading trees when the signal comes.
    const a = gh.hold("GET", new RegExp(`/git/trees/${first.head}`));
    const b = gh.hold("GET", new RegExp(`/git/trees/${second.head}`));
    const reviews = [review(first), review(second)];
    await Promise.all([a.arrived, b.arrived]);
    expect(deps.openRuns.size).toBe(2);

    await handler()("SIGTERM");

    expect(exits).toEqual([143]);
    const cancels = gh.writes().filter((r) => r.method === "PATCH");
    expect(cancels.map((r) => r.path).sort()).toEqual([
      "/repos/octo-org/shop/check-runs/1000",
      "/repos/octo-org/shop/check-runs/1001",
    ]);
    expect(cancels[0]?.body).toMatchInlineSnapshot(`
      {
        "conclusion": "cancelled",
        "output": {
          "summary": "netpol-review was stopped (\`SIGTERM\`: a restart or a new deployment) before this review finished, so the check has no result.

      Re-run this check, or comment \`/netpol recheck\` on the pull request.",
          "title": "Stopped: the app shut down",
        },
        "status": "completed",
      }
    `);
    expect(gh.checkRuns.map((c) => c.status)).toEqual(["completed", "completed"]);
    expect(deps.openRuns.size).toBe(0);
    expect(logs.at(-1)).toMatchObject({ message: "stopped", fields: { cancelled: 2, failed: 0 } });

    // Were the process still alive, the reviews would finish and complete their runs themselves.
    a.release();
    b.release();
    await Promise.all(reviews);
  });

  it("a run whose creation is in flight at SIGTERM is cancelled as soon as it exists, and nothing more is reviewed", async () => {
    const pr = pullRequest(7);
    const creation = gh.hold("POST", /\/check-runs$/);
    const reviewing = review(pr);
    await creation.arrived;
    expect(deps.openRuns.size).toBe(1);
    const order: string[] = [];
    const stopping = shutdownHandler({
      openRuns: deps.openRuns,
      log: recordingLogger(logs),
      exit: (code) => exits.push(code),
      stopAccepting: () => order.push("stop accepting"),
      release: async () => {
        order.push("release");
      },
    })("SIGTERM");
    creation.release();
    await stopping;
    await reviewing;
    expect(order).toEqual(["stop accepting", "release"]);
    expect(exits).toEqual([143]);
    expect(gh.checkRuns).toEqual([
      expect.objectContaining({
        status: "completed",
        conclusion: "cancelled",
        output: expect.objectContaining({ title: "Stopped: the app shut down" }),
      }),
    ]);
    // Cancelled, so not reviewed: no tree was read.
    expect(gh.calls().some((c) => c.includes("/git/trees/"))).toBe(false);
    expect(logs.at(-1)).toMatchObject({ message: "stopped", fields: { cancelled: 1, failed: 0 } });
  });

  it("check runs a review already completed are left alone", async () => {
    const pr = pullRequest();
    await review(pr);
    expect(deps.openRuns.size).toBe(0);
    const before = gh.requests.length;
    await handler()("SIGINT");
    expect(gh.requests.length).toBe(before);
    expect(exits).toEqual([130]);
  });

  it("a run that cannot be cancelled is logged, and the app still exits when GitHub does not answer", async () => {
    const pr = pullRequest();
    const trees = gh.hold("GET", /\/git\/trees\//);
    const running = review(pr);
    await trees.arrived;
    const cancel = gh.hold("PATCH", /\/check-runs\//);
    const stopping = handler(50)("SIGTERM");
    await cancel.arrived;
    await stopping;
    expect(exits).toEqual([143]);
    expect(logs.map((l) => l.message)).toContain("stopping: gave up waiting for GitHub");
    cancel.release();
    trees.release();
    await running;
  });

  it("a failed cancellation is logged with the delivery id, without the error object", async () => {
    const pr = pullRequest();
    const trees = gh.hold("GET", /\/git\/trees\//);
    const running = review(pr);
    await trees.arrived;
    gh.fail("PATCH", /\/check-runs\//, 500);
    await handler()("SIGTERM");
    const error = logs.find((l) => l.level === "error");
    expect(error?.message).toBe(
      "could not cancel the check run on shutdown: GitHub API error 500 on PATCH /repos/octo-org/shop/check-runs/1000: Server Error",
    );
    expect(error?.fields).toMatchObject({ deliveryId: "delivery-1", checkRunId: 1000 });
    expect(error?.fields.error).toMatchObject({ status: 500, method: "PATCH" });
    trees.release();
    await running;
  });

  it("is installed for SIGTERM and SIGINT, and runs once", async () => {
    const processLike = new EventEmitter();
    stopOnSignals(processLike as unknown as Parameters<typeof stopOnSignals>[0], {
      openRuns: deps.openRuns,
      log: recordingLogger(logs),
      exit: (code) => exits.push(code),
    });
    expect(processLike.listenerCount("SIGTERM")).toBe(1);
    expect(processLike.listenerCount("SIGINT")).toBe(1);
    processLike.emit("SIGINT", "SIGINT");
    processLike.emit("SIGTERM", "SIGTERM");
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(exits).toEqual([130]);
    expect(processLike.listenerCount("SIGINT")).toBe(0);
  });
});

describe("the per-pull-request queue", () => {
  it("runs the tasks of one key in order, one at a time, and a failure does not block the next", async () => {
    const queue = new KeyedQueue();
    const events: string[] = [];
    const task =
      (name: string, fail = false) =>
      async () => {
        events.push(`${name} start`);
        await new Promise((resolve) => setTimeout(resolve, 5));
        events.push(`${name} end`);
        if (fail) throw new Error(name);
        return name;
      };
    const results = await Promise.allSettled([
      queue.run("a#1", task("a1", true)),
      queue.run("a#1", task("a2")),
      queue.run("b#1", task("b1")),
    ]);
    expect(results.map((r) => r.status)).toEqual(["rejected", "fulfilled", "fulfilled"]);
    expect(events.indexOf("a1 end")).toBeLessThan(events.indexOf("a2 start"));
    expect(events.indexOf("b1 start")).toBeLessThan(events.indexOf("a1 end"));
    expect(queue.size).toBe(0);
  });
});
