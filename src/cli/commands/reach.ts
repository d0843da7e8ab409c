import { computeReachability } from "../../analysis/reach.js";
import { withContext } from "../../analysis/review/context.js";
import { reachJson, reachText } from "../../report/reach-output.js";
import { printNotices, readInputs, scopedJson, scopedText, scopesOf } from "../scoped-input.js";
import type { Command } from "./command.js";
import { reportDiagnostics } from "./diagnostics.js";

export const reachCommand: Command = {
  positionals: ["path"],
  formats: ["text", "json"],
  options: { scope: { type: "string" } },
  usage: `Usage: netpol-review reach <path> [--scope <name>] [--format text|json]

Prints every pair of endpoints with allowed traffic and the ports allowed: workloads, pods
known only from policy selectors, any other pod in the cluster, and external address ranges.
A path holding several scopes (docs/scopes.md) prints each scope on its own.

Options:
  --scope <name>           only this scope (netpol-review scopes <path> lists them)
  --config <file>          the configuration (default: .github/netpol-review.yml at the git root)
  -f, --format text|json   output format (default: text)
  -h, --help               show this help`,
  async run(context) {
    const { config, inputs } = await readInputs(context.positionals, context);
    const input = inputs[0] as (typeof inputs)[number];
    const { scopes, notices } = scopesOf(input, config, context.options.scope);
    const results = scopes.map((s) => ({
      ...s,
      reach: computeReachability(withContext(s.tree, s.options.context)),
    }));
    const out =
      context.format === "json"
        ? scopedJson(results.map((r) => ({ scope: r.scope, value: reachJson(r.reach, r.tree.diagnostics) })))
        : scopedText(results.map((r) => ({ scope: r.scope, text: reachText(r.reach) })));
    if (out) context.io.stdout(out);
    printNotices(context.io, notices, input.name);
    return reportDiagnostics(
      context.io,
      scopes.map((s) => ({ name: input.name, diagnostics: s.tree.diagnostics })),
    );
  },
};
