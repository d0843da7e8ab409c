import { diffReachability } from "../analysis/diff.js";
import { computeReachability } from "../analysis/reach.js";
import type { Finding } from "../model/finding.js";
import { diffJson, diffText } from "../report/diff-output.js";
import { findingText } from "../report/finding-text.js";
import { reachJson, reachText } from "../report/reach-output.js";
import { type CliIo, EXIT } from "./io.js";
import { type LoadedInput, loadInput } from "./load-input.js";

export type Format = "text" | "json";

export interface CommandContext {
  readonly io: CliIo;
  readonly format: Format;
  readonly positionals: readonly string[];
}

export async function reachCommand({ io, format, positionals }: CommandContext): Promise<number> {
  const input = await loadInput(positionals[0] as string, io.cwd);
  const reach = computeReachability(input.tree);
  if (format === "json") io.stdout(reachJson(reach, input.tree.diagnostics));
  else printText(io, reachText(reach));
  return reportDiagnostics(io, [input]);
}

export async function diffCommand({ io, format, positionals }: CommandContext): Promise<number> {
  const [base, head] = (await Promise.all(positionals.map((p) => loadInput(p, io.cwd)))) as [
    LoadedInput,
    LoadedInput,
  ];
  const diff = diffReachability(base.tree, head.tree);
  if (format === "json")
    io.stdout(diffJson(diff, { base: base.tree.diagnostics, head: head.tree.diagnostics }));
  else printText(io, diffText(diff));
  return reportDiagnostics(io, [base, head]);
}

function printText(io: CliIo, text: string): void {
  if (text) io.stdout(text);
}

/** Diagnostics go to stderr so that stdout stays parseable; errors make the exit code 1. */
function reportDiagnostics(io: CliIo, inputs: readonly LoadedInput[]): number {
  let errors = false;
  for (const input of inputs) {
    for (const d of input.tree.diagnostics as Finding[]) {
      io.stderr(findingText(d, input.name));
      if (d.severity === "error") errors = true;
    }
  }
  return errors ? EXIT.inputErrors : EXIT.ok;
}
