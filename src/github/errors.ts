/** An HTTP error from the GitHub API, as Octokit throws it (`RequestError`). */
interface ApiError {
  readonly status: number;
  readonly message: string;
  readonly request?: { readonly method?: string; readonly url?: string };
}

function isApiError(error: unknown): error is ApiError {
  return (
    typeof error === "object" && error !== null && typeof (error as { status?: unknown }).status === "number"
  );
}

/**
 * An error whose message is already a sentence for the check run or a reply (a limit the
 * repository exceeded, say): shown as it is, not as an "internal error".
 */
export class ReviewError extends Error {
  override readonly name = "ReviewError";
}

/** The HTTP status of a GitHub API error, or `undefined` for any other error. */
export function apiStatus(error: unknown): number | undefined {
  return isApiError(error) ? error.status : undefined;
}

/**
 * One sentence for a check run or a reply: which GitHub call failed and how, or the message of
 * an internal error. The URL is reduced to its path (no host, no query string), and URLs in the
 * message lose their query strings (a redirect to an archive carries a token there).
 */
export function describeError(error: unknown): string {
  if (isApiError(error)) {
    const { method = "", url = "" } = error.request ?? {};
    const path = url === "" ? "" : ` ${method} ${apiPath(url)}`.trimEnd();
    return `GitHub API error ${error.status}${path ? ` on${path}` : ""}: ${firstLine(error.message)}`;
  }
  if (error instanceof ReviewError) return firstLine(error.message);
  if (error instanceof Error) return `internal error: ${firstLine(error.message)}`;
  return `internal error: ${firstLine(String(error))}`;
}

/** What the logs get of an error: never the error object itself. */
export interface LoggedError {
  readonly type: string;
  readonly message: string;
  readonly status?: number;
  readonly method?: string;
  /** Without its query string. */
  readonly url?: string;
}

/**
 * An error reduced to what is safe to log. Octokit's `RequestError` carries the request and the
 * response; the response's `url` is where a redirect ended, and the archive download redirects to
 * a URL whose query string holds a token. Logging `{ err }` would write it out; this keeps the
 * message, the status, the method and the request URL without its query string.
 */
export function loggableError(error: unknown): LoggedError {
  const type = error instanceof Error ? error.name : typeof error;
  const message = stripQueries(
    error instanceof Error ? error.message : typeof error === "string" ? error : String(error),
  );
  if (!isApiError(error)) return { type, message };
  const { method, url } = error.request ?? {};
  return {
    type,
    message,
    status: error.status,
    ...(method ? { method } : {}),
    ...(url ? { url: withoutQuery(url) } : {}),
  };
}

/**
 * The error to hand back to Probot when nothing else can report it: Probot logs what a handler
 * throws in full, so it gets a plain error carrying only the description and the status.
 */
export function sanitizedError(error: unknown): Error {
  const sanitized = new Error(describeError(error)) as Error & { status?: number };
  const status = apiStatus(error);
  if (status !== undefined) sanitized.status = status;
  return sanitized;
}

function withoutQuery(url: string): string {
  const cut = url.search(/[?#]/);
  return cut < 0 ? url : url.slice(0, cut);
}

/** Every `http(s)://…` in the text, without its query string and fragment. */
function stripQueries(text: string): string {
  return text.replace(/\bhttps?:\/\/[^\s?#"'<>]*[?#][^\s"'<>]*/g, (url) => withoutQuery(url));
}

function apiPath(url: string): string {
  try {
    const { pathname } = new URL(url);
    // GitHub Enterprise Server serves the API under /api/v3.
    return pathname.replace(/^\/api\/v3(?=\/)/, "");
  } catch {
    return withoutQuery(url);
  }
}

function firstLine(text: string): string {
  return stripQueries(text.split("\n")[0] ?? text).slice(0, 300);
}
