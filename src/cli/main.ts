import { parseArgs } from "node:util";
import { escapeTerminal } from "../report/escape.js";
import type { Command, Format } from "./commands/command.js";
import { diffCommand } from "./commands/diff.js";
import { explainCommand } from "./commands/explain.js";
import { lintCommand } from "./commands/lint.js";
import { reachCommand } from "./commands/reach.js";
import { renderCommand } from "./commands/render.js";
import { scopesCommand } from "./commands/scopes.js";
import { type CliIo, ConfigFileError, EXIT, UsageError } from "./io.js";
import { TOOL_USAGE } from "./usage.js";

const COMMANDS: Readonly<Record<string, Command>> = {
  reach: reachCommand,
  diff: diffCommand,
  explain: explainCommand,
  lint: lintCommand,
  render: renderCommand,
  scopes: scopesCommand,
};

/** Parses argv, runs one command and returns the exit code; never throws. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined) return usageError(io, "a command is required", TOOL_USAGE);
  if (name === "--help" || name === "-h" || name === "help") {
    io.stdout(TOOL_USAGE);
    return EXIT.ok;
  }
  const command = COMMANDS[name];
  if (!command) return usageError(io, `unknown command: ${name}`, TOOL_USAGE);
  try {
    const { values, positionals } = parseArgs({
      args: [...rest],
      allowPositionals: true,
      options: {
        ...command.options,
        format: { type: "string", short: "f", default: "text" },
        config: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    });
    if (values.help) {
      io.stdout(command.usage);
      return EXIT.ok;
    }
    const format = values.format as Format;
    if (!command.formats.includes(format)) {
      throw new UsageError(`--format must be ${command.formats.join(" or ")}, not ${values.format}`);
    }
    if (positionals.length !== command.positionals.length) {
      throw new UsageError(`expected ${command.positionals.map((p) => `<${p}>`).join(" ")}`);
    }
    return await command.run({ io, format, positionals, options: values });
  } catch (error) {
    if (error instanceof ConfigFileError) return configErrors(io, error);
    if (error instanceof UsageError || isParseArgsError(error))
      return usageError(io, (error as Error).message, command.usage);
    io.stderr(
      `netpol-review: internal error: ${escapeTerminal(error instanceof Error ? error.message : String(error))}`,
    );
    return EXIT.internal;
  }
}

/** Reasons can quote manifest names (`did you mean …?`): one line, no control characters. */
function usageError(io: CliIo, reason: string, usage: string): number {
  io.stderr(`netpol-review: ${escapeTerminal(reason)}\n\n${usage}`);
  return EXIT.usage;
}

/** As the check reports them: each error at its file and line; the command does not run. */
function configErrors(io: CliIo, error: ConfigFileError): number {
  for (const e of error.errors)
    io.stderr(
      escapeTerminal(`${e.file}:${e.line}: error: ${e.key ? `${e.key}: ` : ""}${e.message} [config]`),
    );
  return EXIT.inputErrors;
}

function isParseArgsError(error: unknown): boolean {
  return (
    error instanceof TypeError &&
    String((error as { code?: unknown }).code ?? "").startsWith("ERR_PARSE_ARGS")
  );
}
