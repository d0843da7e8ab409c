import type { CliIo } from "../io.js";

export type Format = "text" | "json" | "markdown";

export interface CommandContext {
  readonly io: CliIo;
  readonly format: Format;
  readonly positionals: readonly string[];
  readonly options: Readonly<Record<string, string | boolean | undefined>>;
}

/** One subcommand: what it takes and how it runs; main.ts does the parsing and error handling. */
export interface Command {
  readonly positionals: readonly string[];
  readonly formats: readonly Format[];
  readonly options?: Readonly<Record<string, { readonly type: "string" | "boolean" }>>;
  readonly usage: string;
  run(context: CommandContext): Promise<number>;
}
