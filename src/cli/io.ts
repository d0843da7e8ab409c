import type { ConfigError } from "../config/parse.js";

/** What a command may touch of the outside world; tests pass their own. */
export interface CliIo {
  readonly cwd: string;
  stdout(text: string): void;
  stderr(text: string): void;
}

/** Exit codes: usable in CI. */
export const EXIT = { ok: 0, inputErrors: 1, usage: 2, internal: 3 } as const;

/** A mistake in how the command was called; reported as one line plus the usage, exit 2. */
export class UsageError extends Error {}

/** The configuration file is invalid: each error reported as `file:line`, exit 1, as the check fails. */
export class ConfigFileError extends Error {
  constructor(readonly errors: readonly ConfigError[]) {
    super("invalid configuration");
  }
}
