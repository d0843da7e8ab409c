import { parseArgs } from "node:util";
import { type CommandContext, diffCommand, type Format, reachCommand } from "./commands.js";
import { type CliIo, EXIT, UsageError } from "./io.js";
import { COMMAND_USAGE, TOOL_USAGE } from "./usage.js";

interface CommandSpec {
  readonly positionals: readonly string[];
  readonly run: (context: CommandContext) => Promise<number>;
}

const COMMANDS: Readonly<Record<string, CommandSpec>> = {
  reach: { positionals: ["path"], run: reachCommand },
  diff: { positionals: ["base", "head"], run: diffCommand },
};

/** Parses argv, runs one command and returns the exit code; never throws. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    io.stdout(TOOL_USAGE);
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  const command = COMMANDS[name];
  if (!command) return usageError(io, `unknown command: ${name}`, TOOL_USAGE);
  const usage = COMMAND_USAGE[name] as string;
  try {
    const { values, positionals } = parseArgs({
      args: [...rest],
      allowPositionals: true,
      options: {
        format: { type: "string", short: "f", default: "text" },
        help: { type: "boolean", short: "h" },
      },
    });
    if (values.help) {
      io.stdout(usage);
      return EXIT.ok;
    }
    if (values.format !== "text" && values.format !== "json") {
      throw new UsageError(`--format must be text or json, not ${values.format}`);
    }
    if (positionals.length !== command.positionals.length) {
      throw new UsageError(`expected ${command.positionals.map((p) => `<${p}>`).join(" ")}`);
    }
    return await command.run({ io, format: values.format as Format, positionals });
  } catch (error) {
    if (error instanceof UsageError || isParseArgsError(error))
      return usageError(io, (error as Error).message, usage);
    io.stderr(`netpol-review: internal error: ${error instanceof Error ? error.message : String(error)}`);
    return EXIT.internal;
  }
}

function usageError(io: CliIo, reason: string, usage: string): number {
  io.stderr(`netpol-review: ${reason}\n\n${usage}`);
  return EXIT.usage;
}

function isParseArgsError(error: unknown): boolean {
  return (
    error instanceof TypeError &&
    String((error as { code?: unknown }).code ?? "").startsWith("ERR_PARSE_ARGS")
  );
}
