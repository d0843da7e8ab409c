import { type ChildProcess, execFile, spawn } from "node:child_process";
import { createHmac, randomUUID } from "node:crypto";
import { once } from "node:events";
import { rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { createServer as createNetServer } from "node:net";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { FakeGitHub } from "./fake-github.js";
import { testPrivateKey } from "./test-app.js";

// The real server, started the way `npm start` starts it (`node dist/src/github/main.js`,
// Probot's standard environment), against a fake GitHub Enterprise Server on localhost
// (GHE_HOST + GHE_PROTOCOL=http), with signed webhooks delivered over HTTP.

export const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
// Built apart from dist/ so that the test never disturbs a build in progress.
const OUT_DIR = "node_modules/.cache/netpol-review-server-test";
export const SECRET = "webhook-secret-for-tests";

/** A fake GitHub served over HTTP on a free port. */
export async function fakeGitHubServer(): Promise<{
  gh: FakeGitHub;
  host: string;
  close: () => Promise<void>;
}> {
  const port = await freePort();
  const gh = new FakeGitHub(`http://127.0.0.1:${port}/api/v3`, `http://127.0.0.1:${port}/_codeload`);
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      void gh
        .handleAsync(
          req.method ?? "GET",
          `http://127.0.0.1:${port}${req.url}`,
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
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return {
    gh,
    host: `127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export interface AppProcess {
  readonly child: ChildProcess;
  readonly url: string;
  /** Everything it wrote to stdout and stderr. */
  output(): string;
  /** Resolves once the output satisfies `condition`; fails if the process exits first. */
  waitFor(condition: (output: string) => boolean, timeoutMs?: number): Promise<void>;
  deliver(event: string, payload: unknown, options?: { id?: string; signature?: string }): Promise<Response>;
  stop(): Promise<number | null>;
}

/** Starts `main.js` with Probot's variables for the fake GitHub at `gheHost`, plus `env`. */
export async function startApp(
  gheHost: string,
  env: Record<string, string | undefined> = {},
): Promise<AppProcess> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [`./${OUT_DIR}/src/github/main.js`], {
    cwd: ROOT,
    env: withoutUndefined({
      PATH: process.env.PATH,
      APP_ID: "123",
      PRIVATE_KEY: testPrivateKey(),
      WEBHOOK_SECRET: SECRET,
      PORT: String(port),
      HOST: "127.0.0.1",
      GHE_HOST: gheHost,
      GHE_PROTOCOL: "http",
      LOG_LEVEL: "info",
      LOG_FORMAT: "json",
      NODE_ENV: "production",
      ...env,
    }),
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    output += chunk.toString("utf8");
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    output += chunk.toString("utf8");
  });
  const waitFor = async (condition: (text: string) => boolean, timeoutMs = 30_000) => {
    const start = Date.now();
    while (!condition(output)) {
      if (child.exitCode !== null) throw new Error(`the app exited (${child.exitCode}):\n${output}`);
      if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for the app:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  };
  return {
    child,
    url,
    output: () => output,
    waitFor,
    deliver: (event, payload, options = {}) => {
      const body = JSON.stringify(payload);
      return fetch(`${url}/api/github/webhooks`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "x-github-event": event,
          "x-github-delivery": options.id ?? randomUUID(),
          "x-hub-signature-256": options.signature ?? sign(body),
        },
        body,
      });
    },
    stop: async () => {
      if (child.exitCode !== null) return child.exitCode;
      const exited = once(child, "exit");
      child.kill("SIGTERM");
      const [code] = await exited;
      return code as number | null;
    },
  };
}

export function sign(body: string): string {
  return `sha256=${createHmac("sha256", SECRET).update(body).digest("hex")}`;
}

/**
 * `npm run build`, into a separate directory emptied first: the test runs the source as it is
 * now, never an older build. A build that fails fails the test, with tsc's output.
 */
export async function build(): Promise<void> {
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

/** Runs the built `main.js` to its exit with exactly `env`, for the settings it refuses. */
export async function runToExit(
  env: Record<string, string>,
): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, [`./${OUT_DIR}/src/github/main.js`], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, ...env },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr += chunk.toString("utf8");
  });
  const [code] = await once(child, "exit");
  return { code: code as number | null, stderr };
}

export function freePort(): Promise<number> {
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

function withoutUndefined(env: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined));
}
