import type { IncomingMessage, ServerResponse } from "node:http";

/** GitHub caps webhook payloads at 25 MB: a larger body cannot be a delivery. */
export const MAX_WEBHOOK_BYTES = 25 * 1024 * 1024;

export interface WebhookGuardOptions {
  /** The webhook path (`/api/github/webhooks`). */
  readonly path: string;
  readonly maxBytes?: number;
  /** True once the process is stopping: deliveries get 503, GitHub can redeliver them. */
  readonly stopping: () => boolean;
}

/**
 * Runs before Probot's webhook middleware, which buffers the whole body before checking its
 * signature. A delivery while stopping is refused with 503; a body over the limit is refused
 * with 413 as soon as its `content-length` says so, or as soon as the bytes streamed in pass the
 * limit, and the connection is closed shortly after, the rest never kept. A body within the limit is
 * handed on already read (`rawBody`, which @octokit/webhooks uses as is). Returns whether it
 * answered the request.
 */
export function webhookGuard(
  options: WebhookGuardOptions,
): (req: IncomingMessage, res: ServerResponse) => Promise<boolean> {
  const maxBytes = options.maxBytes ?? MAX_WEBHOOK_BYTES;
  return async (req, res) => {
    if (req.method !== "POST" || (req.url ?? "").split("?")[0] !== options.path) return false;
    if (options.stopping()) {
      refuse(req, res, 503, "the app is shutting down; redeliver this webhook later");
      return true;
    }
    const declared = Number(req.headers["content-length"]);
    if (Number.isFinite(declared) && declared > maxBytes) {
      refuse(req, res, 413, `webhook payloads are at most ${maxBytes} bytes`);
      return true;
    }
    const body = await readLimited(req, maxBytes);
    if (body === "too-large") {
      refuse(req, res, 413, `webhook payloads are at most ${maxBytes} bytes`);
      return true;
    }
    if (body === "aborted") return true;
    Object.assign(req, { body: {}, rawBody: body });
    return false;
  };
}

function readLimited(req: IncomingMessage, maxBytes: number): Promise<Buffer | "too-large" | "aborted"> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let length = 0;
    const onData = (chunk: Buffer) => {
      length += chunk.length;
      if (length > maxBytes) {
        req.off("data", onData);
        chunks.length = 0;
        resolve("too-large");
        return;
      }
      chunks.push(chunk);
    };
    req.on("data", onData);
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", () => resolve("aborted"));
    req.on("aborted", () => resolve("aborted"));
  });
}

function refuse(req: IncomingMessage, res: ServerResponse, status: number, message: string): void {
  // What the client keeps sending is read and dropped (never kept) for a moment, so that closing
  // does not reset the connection before the client has read the answer; then the connection
  // is closed whatever the client does. (`connection: close` would make Node close it at once.)
  res.writeHead(status, { "content-type": "text/plain" });
  res.end(`${message}\n`);
  req.resume();
  setTimeout(() => req.destroy(), 2_000).unref();
}
