import { once } from "node:events";
import { connect } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generatePair } from "../../bench/generate.js";
import { COMMENT_MARKER } from "../../src/report/comment.js";
import { type AppProcess, build, fakeGitHubServer, runToExit, sign, startApp } from "./helpers/app-server.js";
import { commentEvent, pullRequestEvent } from "./helpers/events.js";
import type { FakeGitHub } from "./helpers/fake-github.js";
import { blobSha } from "./helpers/fake-github.js";
import { gitArchive } from "./helpers/git-archive.js";
import { deploymentYaml, policyYaml } from "./helpers/manifests.js";

// The real server over HTTP (`npm start`: dist/src/github/main.js) against a fake GitHub
// Enterprise Server; see helpers/app-server.ts.

beforeAll(async () => {
  await build();
}, 120_000);

describe("the app server (npm start)", () => {
  let fake: Awaited<ReturnType<typeof fakeGitHubServer>>;
  let gh: FakeGitHub;
  let app: AppProcess;

  beforeAll(async () => {
    fake = await fakeGitHubServer();
    gh = fake.gh;
    app = await startApp(fake.host, { WORKERS: "1" });
    await app.waitFor(
      (out) => out.includes("Listening on") && out.includes("interrupted check runs completed"),
    );
  }, 60_000);

  afterAll(async () => {
    await app?.stop();
    await fake?.close();
  });

  it("answers the health check on /ping", async () => {
    const response = await fetch(`${app.url}/ping`);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe("PONG");
  });

  it("accepts a correctly signed webhook and reviews the pull request on the Enterprise host", async () => {
    const files = {
      "deploy/db.yaml": deploymentYaml("shop", "db", "db", 5432),
      "deploy/web.yaml": deploymentYaml("shop", "web"),
    };
    const base = gh.commit(files);
    const head = gh.commit({ ...files, "deploy/allow-web-db.yaml": policyYaml("shop", "allow-web-db") });
    gh.pull({ number: 7, base: { ref: "main", sha: base }, head: { ref: "allow-web-db", sha: head } });
    const before = gh.requests.length;

    const response = await app.deliver("pull_request", pullRequestEvent({ headSha: head, baseSha: base }));
    expect(response.status, app.output()).toBe(200);
    expect(await response.text()).toBe("ok\n");

    expect(gh.calls()[before]).toBe("POST /app/installations/4242/access_tokens");
    expect(gh.requests.every((r) => r.host === fake.host)).toBe(true);
    // The real engine, in a worker thread: the new policy isolates shop/db (closing the paths of
    // the other pods to it), and lacking a description it is a `missing-description` warning.
    const run = gh.checkRuns.find((c) => c.head_sha === head);
    expect(run).toMatchObject({ status: "completed", conclusion: "success", external_id: "7" });
    // Five paths: from web on other ports, from any other pod, from the two external ranges, and between db's own pods.
    expect(run?.output?.title).toBe("0 paths opened, 5 closed, 1 finding");
    expect(run?.output?.summary).toContain(head.slice(0, 7));
    expect(gh.issueComments.map((c) => c.body.startsWith(COMMENT_MARKER))).toEqual([true]);
  }, 30_000);

  it("rejects a webhook with a bad signature, and calls nothing", async () => {
    const before = gh.requests.length;
    const payload = pullRequestEvent({ headSha: "a".repeat(40), baseSha: "b".repeat(40) });
    const response = await app.deliver("pull_request", payload, { signature: sign("something else") });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("signature does not match");
    expect(gh.requests.length).toBe(before);
  });

  it("rejects a webhook without a signature", async () => {
    const response = await fetch(`${app.url}/api/github/webhooks`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-github-event": "pull_request",
        "x-github-delivery": "x",
      },
      body: "{}",
    });
    expect(response.status).toBe(400);
  });

  it("refuses a body declared over 25 MB with 413 before reading it, and keeps answering /ping", async () => {
    const { status, bytesSent } = await postDeclaring(app.url, 1024 * 1024 * 1024);
    expect(status).toBe(413);
    // Answered after the first chunk, not after a gibibyte.
    expect(bytesSent).toBeLessThan(64 * 1024 * 1024);
    expect((await fetch(`${app.url}/ping`)).status).toBe(200);
  }, 30_000);

  it("refuses a streamed body (no content-length) once it passes 25 MB, and keeps answering /ping", async () => {
    const { status, bytesSent } = await postChunked(app.url, 200 * 1024 * 1024);
    expect(status).toBe(413);
    expect(bytesSent).toBeLessThan(200 * 1024 * 1024);
    expect((await fetch(`${app.url}/ping`)).status).toBe(200);
  }, 60_000);

  it("handles a redelivery (same X-GitHub-Delivery) once", async () => {
    const base = gh.commit({ "deploy/db.yaml": deploymentYaml("shop", "db", "db", 5432) });
    const head = gh.commit({
      "deploy/db.yaml": deploymentYaml("shop", "db", "db", 5432),
      "deploy/p.yaml": policyYaml("shop", "p", { described: true }),
    });
    gh.pull({ number: 11, base: { ref: "main", sha: base }, head: { ref: "p", sha: head } });
    const payload = pullRequestEvent({ headSha: head, baseSha: base, number: 11 });
    const id = "0b989ba4-242f-11e5-81e1-c7b6966d2516";
    expect((await app.deliver("pull_request", payload, { id })).status).toBe(200);
    expect((await app.deliver("pull_request", payload, { id })).status).toBe(200);
    expect(gh.checkRuns.filter((c) => c.head_sha === head)).toHaveLength(1);
  }, 30_000);

  it("waits out secondary rate limits (retry-after) on the check run, the comment and the completion", async () => {
    const base = gh.commit({ "deploy/db.yaml": deploymentYaml("shop", "db", "db", 5432) });
    const head = gh.commit({
      "deploy/db.yaml": deploymentYaml("shop", "db", "db", 5432),
      "deploy/q.yaml": policyYaml("shop", "q"),
    });
    gh.pull({ number: 12, base: { ref: "main", sha: base }, head: { ref: "q", sha: head } });
    gh.rateLimit("POST", /\/check-runs$/, 1);
    gh.rateLimit("POST", /\/issues\/12\/comments$/, 1);
    gh.rateLimit("PATCH", /\/check-runs\/\d+$/, 2);
    // Probot spaces writes a second apart, and each limit waits a second: the delivery may be
    // answered 202 (still processing) before the review is done.
    const response = await app.deliver(
      "pull_request",
      pullRequestEvent({ headSha: head, baseSha: base, number: 12 }),
    );
    expect([200, 202], app.output()).toContain(response.status);
    await waitUntil(() => gh.checkRuns.find((c) => c.head_sha === head)?.status === "completed");
    const runs = gh.checkRuns.filter((c) => c.head_sha === head);
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ status: "completed", conclusion: "success" });
    expect(runs[0]?.output?.title).toMatch(/^0 paths opened, \d+ closed, \d+ findings?$/);
    expect(app.output()).toContain("secondary rate limit: retrying in 1 s");
  }, 60_000);

  it("reviews exactly the git tree: a policy hidden by export-ignore in a truncated tree's archive is fetched by SHA", async () => {
    const files: Record<string, string> = {};
    for (const name of ["db", "web", "api", "cart", "search", "mail"])
      files[`deploy/${name}.yaml`] = deploymentYaml("shop", name, name, name === "db" ? 5432 : 8080);
    const base = gh.commit(files);
    const policy = policyYaml("shop", "hidden", { described: true });
    const headFiles = {
      ...files,
      "deploy/hidden.yaml": policy,
      ".gitattributes": "deploy/hidden.yaml export-ignore\n",
    };
    const head = gh.commit(headFiles);
    gh.archives.set(head, gitArchive(headFiles, `octo-org-shop-${head.slice(0, 7)}`));
    gh.truncatedTrees.add(head);
    gh.pull({ number: 13, base: { ref: "main", sha: base }, head: { ref: "hide", sha: head } });
    gh.configs.set("main", "failOn:\n  openedPaths: true\n");
    const response = await app.deliver(
      "pull_request",
      pullRequestEvent({ headSha: head, baseSha: base, number: 13 }),
    );
    expect(response.status, app.output()).toBe(200);
    expect(gh.calls()).toContain(`GET /repos/octo-org/shop/git/blobs/${blobSha(Buffer.from(policy))}`);
    const run = gh.checkRuns.find((c) => c.head_sha === head);
    // shop/web → shop/db is allowed and the rest of shop → shop/db closes: the policy was read.
    expect(run?.output?.title).toMatch(/^0 paths opened, [1-9]\d* closed/);
    gh.configs.delete("main");
  }, 30_000);

  it("answers /netpol explain only to the pull request's author and people with triage access or more", async () => {
    const base = gh.commit({ "deploy/db.yaml": deploymentYaml("shop", "db", "db", 5432) });
    const head = gh.commit({
      "deploy/db.yaml": deploymentYaml("shop", "db", "db", 5432),
      "deploy/e.yaml": policyYaml("shop", "e", { described: true }),
    });
    gh.pull({ number: 14, base: { ref: "main", sha: base }, head: { ref: "e", sha: head }, author: "alice" });
    gh.roles.set("mallory", "read");
    const before = gh.requests.length;
    const refused = await app.deliver(
      "issue_comment",
      commentEvent({ body: "/netpol explain", author: "mallory", number: 14 }),
    );
    expect(refused.status, app.output()).toBe(200);
    expect(gh.issueComments.at(-1)?.body).toContain(
      "Only the pull request's author and people with triage, write, maintain or admin access to the repository can run `/netpol explain`; `mallory` has `read` access.",
    );
    expect(gh.requests.slice(before).some((r) => r.path.includes("/git/"))).toBe(false);
    const answered = await app.deliver(
      "issue_comment",
      commentEvent({ body: "/netpol explain", author: "alice", number: 14 }),
    );
    expect(answered.status, app.output()).toBe(200);
    expect(gh.issueComments.at(-1)?.body).toContain("Why each path changed");
  }, 30_000);

  // Last: it stops the app.
  it("on SIGTERM, refuses deliveries (503) and cancels the run being created and the one in flight, then exits", async () => {
    const files = { "deploy/db.yaml": deploymentYaml("shop", "db", "db", 5432) };
    const base = gh.commit(files);
    const head = gh.commit({ ...files, "deploy/p.yaml": policyYaml("shop", "p", { described: true }) });
    gh.pull({ number: 9, base: { ref: "main", sha: base }, head: { ref: "p", sha: head } });
    const other = gh.commit({ ...files, "deploy/o.yaml": policyYaml("shop", "o", { described: true }) });
    gh.pull({ number: 10, base: { ref: "main", sha: base }, head: { ref: "o", sha: other } });
    // Review 9 is in flight (its tree listing held); run 10 is being created (held).
    const trees = gh.hold("GET", new RegExp(`/git/trees/${head}`));
    const delivery = app
      .deliver("pull_request", pullRequestEvent({ headSha: head, baseSha: base, number: 9 }))
      .catch(() => undefined);
    await trees.arrived;
    const creation = gh.hold("POST", /\/check-runs$/);
    const second = app
      .deliver("pull_request", pullRequestEvent({ headSha: other, baseSha: base, number: 10 }))
      .catch(() => undefined);
    await creation.arrived;
    expect(gh.checkRuns.find((c) => c.head_sha === head)?.status).toBe("in_progress");

    const exited = once(app.child, "exit");
    app.child.kill("SIGTERM");
    await app.waitFor((out) => out.includes("stopping: cancelling the open check runs"));
    const refused = await app.deliver(
      "pull_request",
      pullRequestEvent({ headSha: other, baseSha: base, number: 10 }),
    );
    expect(refused.status).toBe(503);
    creation.release();
    const [code] = await exited;
    expect(code, app.output()).toBe(143);
    for (const sha of [head, other]) {
      const run = gh.checkRuns.find((c) => c.head_sha === sha);
      expect(run, sha).toMatchObject({ status: "completed", conclusion: "cancelled" });
      expect(run?.output?.title).toBe("Stopped: the app shut down");
    }
    trees.release();
    await delivery;
    await second;
  }, 30_000);
});

describe("settings the app refuses to start with", () => {
  const base = { APP_ID: "123", PRIVATE_KEY: "unused", NODE_ENV: "production", PORT: "0" };

  it("no webhook secret in production: one line on stderr, status 1", async () => {
    const { code, stderr } = await runToExit(base);
    expect(code).toBe(1);
    expect(stderr.trim().split("\n")).toEqual([
      "netpol-review refuses to start: WEBHOOK_SECRET is not set: without it anyone can forge webhooks. Set the secret configured in the GitHub App's settings (or NODE_ENV=development for local work).",
    ]);
  }, 30_000);

  it("Probot's public default secret", async () => {
    const { code, stderr } = await runToExit({ ...base, WEBHOOK_SECRET: "development" });
    expect(code).toBe(1);
    expect(stderr).toContain("WEBHOOK_SECRET is Probot's public default");
  }, 30_000);

  it("a limit that is not a number", async () => {
    const { code, stderr } = await runToExit({ ...base, WEBHOOK_SECRET: "s3cret", REVIEW_TIMEOUT_S: "soon" });
    expect(code).toBe(1);
    expect(stderr.trim()).toBe(
      'netpol-review refuses to start: REVIEW_TIMEOUT_S must be a whole number from 1 to 3600, not "soon"',
    );
  }, 30_000);
});

describe("reviews run in worker threads, bounded", () => {
  let fake: Awaited<ReturnType<typeof fakeGitHubServer>>;
  let app: AppProcess;

  beforeAll(async () => {
    fake = await fakeGitHubServer();
    app = await startApp(fake.host, { WORKERS: "1", REVIEW_TIMEOUT_S: "1" });
    await app.waitFor((out) => out.includes("Listening on"));
  }, 60_000);

  afterAll(async () => {
    await app?.stop();
    await fake?.close();
  });

  it("a review over REVIEW_TIMEOUT_S fails its check saying so, /ping answers meanwhile, and the next review runs", async () => {
    const { gh } = fake;
    const pair = generatePair(3_000);
    const base = gh.commit(Object.fromEntries(pair.base.map((f) => [f.path, f.content])));
    const head = gh.commit(Object.fromEntries(pair.head.map((f) => [f.path, f.content])));
    gh.pull({ number: 21, base: { ref: "main", sha: base }, head: { ref: "big", sha: head } });
    const delivery = app.deliver(
      "pull_request",
      pullRequestEvent({ headSha: head, baseSha: base, number: 21 }),
    );
    // The manifests are fetched; the review job is then in its worker thread.
    await app.waitFor((out) => out.includes('"msg":"fetched manifests"'), 60_000);
    let pingsWhileReviewing = 0;
    while (gh.checkRuns[0]?.status !== "completed") {
      const ping = await fetch(`${app.url}/ping`);
      expect(ping.status).toBe(200);
      if (gh.checkRuns[0]?.status !== "completed") pingsWhileReviewing++;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(pingsWhileReviewing).toBeGreaterThan(0);
    expect((await delivery).status).toBe(200);
    expect(gh.checkRuns[0]).toMatchObject({ status: "completed", conclusion: "failure" });
    expect(gh.checkRuns[0]?.output?.title).toBe("Not reviewed: the review took too long");
    expect(gh.checkRuns[0]?.output?.summary).toContain(
      "took longer than the 1 s limit (REVIEW\\_TIMEOUT\\_S)",
    );

    // A replacement thread takes the next review.
    const small = gh.commit({ "deploy/db.yaml": deploymentYaml("shop", "db", "db", 5432) });
    const smallHead = gh.commit({
      "deploy/db.yaml": deploymentYaml("shop", "db", "db", 5432),
      "deploy/p.yaml": policyYaml("shop", "p", { described: true }),
    });
    gh.pull({ number: 22, base: { ref: "main", sha: small }, head: { ref: "p", sha: smallHead } });
    await app.deliver("pull_request", pullRequestEvent({ headSha: smallHead, baseSha: small, number: 22 }));
    expect(gh.checkRuns.find((c) => c.head_sha === smallHead)).toMatchObject({ conclusion: "success" });
  }, 120_000);
});

// While a large review runs in a worker thread, the main thread keeps answering `/ping` and
// webhooks. The figures are printed, never asserted (a shared machine's timings are not a
// test). docs/performance.md records a run with NETPOL_LATENCY_WORKLOADS=10000.
const WORKLOADS = Number(process.env.NETPOL_LATENCY_WORKLOADS ?? 2_000);

describe("the server while a review runs", () => {
  let fake: Awaited<ReturnType<typeof fakeGitHubServer>>;
  let app: AppProcess;

  beforeAll(async () => {
    fake = await fakeGitHubServer();
    app = await startApp(fake.host, { WORKERS: "1", REVIEW_TIMEOUT_S: "600" });
    await app.waitFor((out) => out.includes("Listening on"));
  }, 60_000);

  afterAll(async () => {
    await app?.stop();
    await fake?.close();
  });

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
    // From the delivery to the completed check: fetching (this thread streams the archive),
    // the review job (a worker thread) and publishing.
    await waitUntil(() => gh.checkRuns.length > 0);
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

describe("on start", () => {
  it("completes this app's runs left in progress by a previous process as cancelled, and only the stale ones", async () => {
    const fake = await fakeGitHubServer();
    const { gh } = fake;
    gh.installations.push(4242);
    const base = gh.commit({ "deploy/db.yaml": deploymentYaml("shop", "db", "db", 5432) });
    const head = gh.commit({ "deploy/db.yaml": deploymentYaml("shop", "db", "db", 5433) });
    gh.pull({ number: 31, base: { ref: "main", sha: base }, head: { ref: "x", sha: head } });
    gh.checkRuns.push(
      {
        id: 1,
        name: "netpol-review",
        head_sha: head,
        status: "in_progress",
        annotations: [],
        started_at: "2026-01-01T00:00:00Z",
      },
      {
        id: 2,
        name: "netpol-review",
        head_sha: head,
        status: "in_progress",
        annotations: [],
        started_at: new Date().toISOString(),
      },
    );
    const app = await startApp(fake.host, {});
    try {
      await app.waitFor((out) => out.includes("interrupted check runs completed"));
      expect(gh.checkRuns[0]).toMatchObject({ status: "completed", conclusion: "cancelled" });
      expect(gh.checkRuns[0]?.output?.summary).toContain("push again or comment `/netpol recheck`");
      expect(gh.checkRuns[1]?.status).toBe("in_progress");
    } finally {
      await app.stop();
      await fake.close();
    }
  }, 60_000);
});

async function waitUntil(condition: () => boolean, timeoutMs = 60_000): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (Date.now() - start > timeoutMs) throw new Error("timed out");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** A POST that declares `declared` bytes and sends 1 MB chunks until the server answers. */
function postDeclaring(url: string, declared: number): Promise<{ status: number; bytesSent: number }> {
  return streamPost(url, `content-length: ${declared}`, declared, (chunk) => chunk);
}

/** A chunked POST (no length announced) of up to `max` bytes, until the server answers. */
function postChunked(url: string, max: number): Promise<{ status: number; bytesSent: number }> {
  return streamPost(url, "transfer-encoding: chunked", max, (chunk) =>
    Buffer.concat([Buffer.from(`${chunk.length.toString(16)}\r\n`), chunk, Buffer.from("\r\n")]),
  );
}

/**
 * Over a raw socket, so that the answer is read however the server ends the connection (it
 * closes it without reading the rest of the body).
 */
function streamPost(
  url: string,
  lengthHeader: string,
  max: number,
  frame: (chunk: Buffer) => Buffer,
): Promise<{ status: number; bytesSent: number }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    let bytesSent = 0;
    let answer = "";
    let done = false;
    const socket = connect(Number(port), hostname, () => {
      socket.write(
        `POST /api/github/webhooks HTTP/1.1\r\nhost: ${hostname}\r\ncontent-type: application/json\r\nx-github-event: ping\r\nx-github-delivery: big\r\n${lengthHeader}\r\n\r\n`,
      );
      write();
    });
    const chunk = Buffer.alloc(1024 * 1024, 0x20);
    const write = () => {
      while (!done && bytesSent < max) {
        bytesSent += chunk.length;
        if (!socket.write(frame(chunk))) {
          socket.once("drain", write);
          return;
        }
      }
    };
    socket.on("data", (data: Buffer) => {
      answer += data.toString("latin1");
      const status = /^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1];
      if (status && !done) {
        done = true;
        resolve({ status: Number(status), bytesSent });
        socket.destroy();
      }
    });
    socket.on("error", (error) => {
      if (!done) reject(error);
    });
    socket.on("close", () => {
      if (!done) reject(new Error(`closed without an answer after ${bytesSent} bytes`));
    });
  });
}

function percentile(samples: readonly number[], p: number): string {
  const sorted = [...samples].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return (sorted[index] ?? 0).toFixed(1);
}
