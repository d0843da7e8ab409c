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

/** The HTTP status of a GitHub API error, or `undefined` for any other error. */
export function apiStatus(error: unknown): number | undefined {
  return isApiError(error) ? error.status : undefined;
}

/**
 * One sentence for a check run or a reply: which GitHub call failed and how, or the message of
 * an internal error. The URL is reduced to its path (no host, no query string).
 */
export function describeError(error: unknown): string {
  if (isApiError(error)) {
    const { method = "", url = "" } = error.request ?? {};
    const path = url === "" ? "" : ` ${method} ${apiPath(url)}`.trimEnd();
    return `GitHub API error ${error.status}${path ? ` on${path}` : ""}: ${firstLine(error.message)}`;
  }
  if (error instanceof Error) return `internal error: ${firstLine(error.message)}`;
  return `internal error: ${String(error)}`;
}

function apiPath(url: string): string {
  try {
    const { pathname } = new URL(url);
    // GitHub Enterprise Server serves the API under /api/v3.
    return pathname.replace(/^\/api\/v3(?=\/)/, "");
  } catch {
    return url.split("?")[0] ?? url;
  }
}

function firstLine(text: string): string {
  return (text.split("\n")[0] ?? text).slice(0, 300);
}
