import { existsSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { createNodeMiddleware, createProbot } from "probot";
import { webhookGuard } from "./server/webhook-guard.js";
import { settingsOrExit, startApp } from "./start-app.js";
import { throttledOctokit } from "./throttle.js";

// `npm start`: the app on a plain Node HTTP server, with what Probot's own server (`probot run`)
// cannot add in front of its webhook middleware: deliveries refused while stopping (503), bodies
// over GitHub's 25 MB limit refused while they stream in (413). `/ping` answers the health check.
// Probot reads its usual variables (APP_ID, PRIVATE_KEY_PATH, WEBHOOK_SECRET, GHE_HOST, ...).

// Like `probot run`: a `.env` file in the working directory (as Probot's setup flow writes it).
if (existsSync(".env")) process.loadEnvFile(".env");
settingsOrExit();
const WEBHOOK_PATH = process.env.WEBHOOK_PATH || "/api/github/webhooks";
const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? "info" };
let stopping = false;
let server: Server | undefined;

const app = createProbot({ env, overrides: { Octokit: throttledOctokit() } });
const middleware = await createNodeMiddleware(
  (instance, options) =>
    startApp(instance, options, {
      stopAccepting: () => {
        stopping = true;
      },
      release: () => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())),
    }),
  { probot: app, webhooksPath: WEBHOOK_PATH },
);
const guard = webhookGuard({ path: WEBHOOK_PATH, stopping: () => stopping });

server = createServer((req, res) => {
  if (req.method === "GET" && (req.url ?? "").split("?")[0] === "/ping") {
    res.writeHead(200, { "content-type": "text/plain" }).end("PONG");
    return;
  }
  void (async () => {
    try {
      if (await guard(req, res)) return;
      await middleware(req, res, () => res.writeHead(404).end());
    } catch (error) {
      app.log.error({ error: (error as Error).message }, "request failed");
      if (!res.headersSent) res.writeHead(500).end();
    }
  })();
});
const port = Number(process.env.PORT || 3000);
const host = process.env.HOST || "localhost";
server.listen(port, host, () => app.log.info(`Listening on http://${host}:${port}`));
