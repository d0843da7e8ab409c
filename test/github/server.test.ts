import { type ChildProcess, execFile, spawn } from "node:child_process";
import { createHmac, randomUUID } from "node:crypto";
import { once } from "node:events";
import { rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { createServer as createNetServer } from "node:net";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { COMMENT_MARKER } from "../../src/report/comment.js";
import { pullRequestEvent } from "./helpers/events.js";
import { FakeGitHub } from "./helpers/fake-github.js";
import { deploymentYaml, policyYaml } from "./helpers/manifests.js";
import { testPrivateKey } from "./helpers/test-app.js";

// The real server, started the way `npm start` starts it (`probot run ./dist/src/github/index.js`,
// Probot's standard environment), against a fake GitHub Enterprise Server on localhost
// (GHE_HOST + GHE_PROTOCOL=http), with signed webhooks delivered over HTTP.

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
// Built apart from dist/ so that the test never disturbs a build in progress.
const OUT_DIR = "node_modules/.cache/netpol-review-server-test";
const SECRET = "webhook-secret-for-tests";

let fakeServer: Server;
let gh: FakeGitHub;
let app: ChildProcess;
let appUrl: string;
let output = "";

beforeAll(async () => {
  await build();
  const fakePort = await freePort();
  gh = new FakeGitHub(`http://127.0.0.1:${fakePort}/api/v3`, `http://127.0.0.1:${fakePort}/_codeload`);
  fakeServer = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      void gh
        .handleAsync(
          req.method ?? "GET",
          `http://127.0.0.1:${fakePort}${req.url}`,
          Buffer.concat(chunks).toString("utf8"),
        )
        .then((response) => {
          const body = Buffer.isBuffer(response.body)
            ? response.body
            : response.body === undefined
              ? ""
              : JSON.stringify(response.body);
          res.writeHead(response.status, response.headers).end(body);
        });
    });
  });
  await new Promise<void>((resolve) => fakeServer.listen(fakePort, "127.0.0.1", resolve));

  const port = await freePort();
  appUrl = `http://127.0.0.1:${port}`;
  app = spawn(
    process.execPath,
    ["node_modules/probot/bin/probot.js", "run", `./${OUT_DIR}/src/github/index.js`],
    {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH,
        APP_ID: "123",
        PRIVATE_KEY: testPrivateKey(),
        WEBHOOK_SECRET: SECRET,
        PORT: String(port),
        HOST: "127.0.0.1",
        GHE_HOST: `127.0.0.1:${fakePort}`,
        GHE_PROTOCOL: "http",
        LOG_LEVEL: "info",
        LOG_FORMAT: "json",
        NODE_ENV: "production",
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  app.stdout?.on("data", (chunk: Buffer) => {
    output += chunk.toString("utf8");
  });
  app.stderr?.on("data", (chunk: Buffer) => {
    output += chunk.toString("utf8");
  });
  await waitFor(() => output.includes("Listening on"), 15_000);
}, 60_000);

afterAll(async () => {
  app?.kill("SIGTERM");
  await new Promise<void>((resolve) => (fakeServer ? fakeServer.close(() => resolve()) : resolve()));
});

describe("the app server (probot run)", () => {
  it("answers the health check on /ping", async () => {
    const response = await fetch(`${appUrl}/ping`);
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
    const body = JSON.stringify(pullRequestEvent({ headSha: head, baseSha: base }));

    const response = await deliver(body, sign(body));
    expect(response.status, output).toBe(200);
    expect(await response.text()).toBe("ok\n");

    expect(gh.calls()[0]).toBe("POST /app/installations/4242/access_tokens");
    expect(gh.requests.every((r) => r.host === new URL(gh.apiUrl).host)).toBe(true);
    // The real engine: the new policy isolates shop/db (closing the paths of the other pods to it),
    // and lacking a description it is a `missing-description` warning; by default only errors fail.
    expect(gh.checkRuns).toEqual([
      expect.objectContaining({
        head_sha: head,
        status: "completed",
        conclusion: "success",
        external_id: "7",
      }),
    ]);
    // Five paths: from web on other ports, from any other pod, from the two external ranges, and between db's own pods.
    expect(gh.checkRuns[0]?.output?.title).toBe("0 paths opened, 5 closed, 1 finding");
    expect(gh.checkRuns[0]?.output?.summary).toContain(head.slice(0, 7));
    expect(gh.issueComments.map((c) => c.body.startsWith(COMMENT_MARKER))).toEqual([true]);
  }, 30_000);

  it("rejects a webhook with a bad signature, and calls nothing", async () => {
    const before = gh.requests.length;
    const body = JSON.stringify(pullRequestEvent({ headSha: "a".repeat(40), baseSha: "b".repeat(40) }));
    const response = await deliver(body, sign(`${body} `));
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("signature does not match");
    expect(gh.requests.length).toBe(before);
  });

  it("rejects a webhook without a signature", async () => {
    const response = await fetch(`${appUrl}/api/github/webhooks`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-github-event": "pull_request",
        "x-github-delivery": randomUUID(),
      },
      body: "{}",
    });
    expect(response.status).toBe(400);
  });

  // Last: it stops the app.
  it("on SIGTERM, completes the check run of a review in flight as cancelled, then exits", async () => {
    const files = { "deploy/db.yaml": deploymentYaml("shop", "db", "db", 5432) };
    const base = gh.commit(files);
    const head = gh.commit({ ...files, "deploy/p.yaml": policyYaml("shop", "p", { described: true }) });
    gh.pull({ number: 9, base: { ref: "main", sha: base }, head: { ref: "p", sha: head } });
    const trees = gh.hold("GET", new RegExp(`/git/trees/${head}`));
    const body = JSON.stringify(pullRequestEvent({ headSha: head, baseSha: base, number: 9 }));
    // The delivery is answered once the review is done, which it never is: the app stops first.
    const delivery = deliver(body, sign(body)).catch(() => undefined);
    await trees.arrived;
    const run = gh.checkRuns.find((c) => c.head_sha === head);
    expect(run?.status).toBe("in_progress");

    const exited = once(app, "exit");
    app.kill("SIGTERM");
    const [code] = await exited;
    expect(code, output).toBe(143);
    expect(run).toMatchObject({ status: "completed", conclusion: "cancelled" });
    expect(run?.output?.title).toBe("Stopped: the app shut down");
    trees.release();
    await delivery;
  }, 30_000);
});

function sign(body: string): string {
  return `sha256=${createHmac("sha256", SECRET).update(body).digest("hex")}`;
}

function deliver(body: string, signature: string): Promise<Response> {
  return fetch(`${appUrl}/api/github/webhooks`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "x-github-event": "pull_request",
      "x-github-delivery": randomUUID(),
      "x-hub-signature-256": signature,
    },
    body,
  });
}

/**
 * `npm run build`, into a separate directory emptied first: the test runs the source as it is
 * now, never an older build. A build that fails fails the test, with tsc's output.
 */
async function build(): Promise<void> {
  rmSync(`${ROOT}${OUT_DIR}`, { recursive: true, force: true });
  try {
    await promisify(execFile)(
      process.execPath,
      ["node_modules/typescript/bin/tsc", "-p", "tsconfig.build.json", "--outDir", OUT_DIR],
      { cwd: ROOT },
    );
  } catch (error) {
    const { stdout = "", stderr = "" } = error as { stdout?: string; stderr?: string };
    throw new Error(`the build failed, so the server cannot be tested:\n${stdout}${stderr}`);
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createNetServer();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function waitFor(condition: () => boolean, timeoutMs: number): Promise<void> {
  const start = Date.now();
  while (!condition()) {
    if (app.exitCode !== null) throw new Error(`the app exited (${app.exitCode}):\n${output}`);
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for the app:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
