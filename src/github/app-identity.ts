/**
 * Who this app is on GitHub, to tell its own comments from look-alikes: anyone can write the
 * app's hidden markers into a comment, so a marker alone proves nothing.
 */
export interface AppIdentity {
  /** The GitHub App's id (`APP_ID`). */
  readonly id?: number;
  /** The app's bot account, `<slug>[bot]`. Logins with `[bot]` exist only for apps. */
  readonly login?: string;
}

/** A comment as the issue and review comment APIs list it. */
export interface AuthoredComment {
  readonly user?: { readonly login?: string; readonly type?: string } | null;
  /** Set on issue comments an app made (review comments do not carry it). */
  readonly performed_via_github_app?: { readonly id?: number } | null;
}

/** The identity from the configured app id and the app that owns a check run the app created. */
export function appIdentity(
  appId: number | undefined,
  app: { id: number; slug: string } | undefined,
): AppIdentity {
  const id = appId ?? app?.id;
  return {
    ...(id !== undefined ? { id } : {}),
    ...(app ? { login: `${app.slug}[bot]` } : {}),
  };
}

/** Whether this app made the comment: made through the app, or written by the app's bot account. */
export function isOwnComment(comment: AuthoredComment, identity: AppIdentity): boolean {
  const viaApp = comment.performed_via_github_app?.id;
  if (identity.id !== undefined && viaApp !== undefined && viaApp === identity.id) return true;
  const login = comment.user?.login;
  return (
    identity.login !== undefined &&
    login !== undefined &&
    login.toLowerCase() === identity.login.toLowerCase()
  );
}
