import { computeReachability } from "../../analysis/reach.js";
import { reachJson, reachText } from "../../report/reach-output.js";
import { loadInput } from "../load-input.js";
import type { Command } from "./command.js";
import { reportDiagnostics } from "./diagnostics.js";

export const reachCommand: Command = {
  positionals: ["path"],
  formats: ["text", "json"],
  usage: `Usage: netpol-review reach <path> [--format text|json]

Prints every pair of endpoints with allowed traffic and the ports allowed: workloads, pods
known only from policy selectors, any other pod in the cluster, and external address ranges.

Options:
  -f, --format text|json   output format (default: text)
  -h, --help               show this help`,
  async run({ io, format, positionals }) {
    const input = await loadInput(positionals[0] as string, io.cwd);
    const reach = computeReachability(input.tree);
    const out = format === "json" ? reachJson(reach, input.tree.diagnostics) : reachText(reach);
    if (out) io.stdout(out);
    return reportDiagnostics(io, [input]);
  },
};
