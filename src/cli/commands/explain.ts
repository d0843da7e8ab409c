import { explainFlow, type FlowQuery } from "../../analysis/explain.js";
import { explainFlowChange } from "../../analysis/explain-change.js";
import type { FlowExplanation } from "../../analysis/review/types.js";
import type { ManifestTree } from "../../model/tree.js";
import {
  renderFlowChanges,
  renderFlowExplanation,
  renderSingleFlowExplanation,
} from "../../report/explain-markdown.js";
import { flowChangesJson, flowChangesText, flowJson, flowText } from "../../report/explain-text.js";
import { EMPTY_TREE } from "../../scopes/empty-tree.js";
import { UsageError } from "../io.js";
import type { LoadedInput } from "../load-input.js";
import { parsePortArg } from "../port-arg.js";
import { type CliScope, printNotices, readInputs, scopesOf } from "../scoped-input.js";
import type { Command, Format } from "./command.js";
import { reportDiagnostics } from "./diagnostics.js";

export const explainCommand: Command = {
  positionals: ["path"],
  formats: ["text", "json", "markdown"],
  options: {
    from: { type: "string" },
    to: { type: "string" },
    port: { type: "string" },
    base: { type: "string" },
    scope: { type: "string" },
  },
  usage: `Usage: netpol-review explain <path> --from <ns>/<name> --to <ns>/<name> [--port <n>[/<proto>]] [--base <path>]

Explains one flow: whether it is allowed, and every policy and rule that decides it, for the
source's egress and the destination's ingress. With --base, the same at base and at <path>.
An endpoint is a workload as <ns>/<name>, an endpoint id as printed by reach, or an address.

Options:
  --from, --to <endpoint>      the flow's source and destination (required)
  --port <n>[/<proto>]         one port, e.g. 5432 or 53/udp (default: every port)
  --base <path>                also explain the flow at this base, side by side
  --scope <name>               the scope to explain it in (needed when several hold the flow)
  --config <file>              the configuration (default: .github/netpol-review.yml at the git root)
  -f, --format text|json|markdown
  -h, --help                   show this help`,
  async run(context) {
    const { io, format, positionals, options } = context;
    if (typeof options.from !== "string" || typeof options.to !== "string") {
      throw new UsageError("--from and --to are required");
    }
    const query: FlowQuery = {
      from: options.from,
      to: options.to,
      ...(typeof options.port === "string" && { port: parsePortArg(options.port) }),
    };
    const asked = {
      from: query.from,
      to: query.to,
      ...(typeof options.port === "string" && { port: options.port }),
    };
    const withBase = typeof options.base === "string";
    const args = withBase ? [options.base as string, positionals[0] as string] : [positionals[0] as string];
    const { config, inputs } = await readInputs(args, context);
    const head = inputs[inputs.length - 1] as LoadedInput;
    const heads = scopesOf(head, config, options.scope);
    const scope = scopeOfFlow(heads.scopes, query);
    printNotices(io, heads.notices, head.name);
    if (!withBase) {
      const flow = explainFlow(scope.tree, query, scope.options);
      if ("error" in flow) throw new UsageError(flow.error);
      io.stdout(
        format === "markdown"
          ? renderSingleFlowExplanation(asked, flow, head.label)
          : format === "json"
            ? JSON.stringify(flowJson(flow), null, 2)
            : flowText(flow),
      );
      return reportDiagnostics(io, [{ name: head.name, diagnostics: scope.tree.diagnostics }]);
    }
    const base = inputs[0] as LoadedInput;
    const baseScope = scopesOf(base, config, undefined).scopes.find((s) => s.scope.name === scope.scope.name);
    const baseTree = baseScope?.tree ?? EMPTY_TREE;
    io.stdout(explainChange({ base, head, baseTree, scope }, query, asked, format));
    return reportDiagnostics(
      io,
      [{ name: head.name, diagnostics: scope.tree.diagnostics }],
      [{ name: base.name, diagnostics: baseTree.diagnostics }],
    );
  },
};

/**
 * The scope to explain the flow in: the only one, or the only one holding both endpoints; a flow
 * in several scopes needs `--scope`.
 */
function scopeOfFlow(scopes: readonly CliScope[], query: FlowQuery): CliScope {
  if (scopes.length === 1) return scopes[0] as CliScope;
  const holding = scopes.filter((s) => !("error" in explainFlow(s.tree, query, s.options)));
  if (holding.length === 1) return holding[0] as CliScope;
  const names = (holding.length > 0 ? holding : scopes).map((s) => s.scope.name).join(", ");
  throw new UsageError(
    holding.length > 0
      ? `the flow exists in several scopes (${names}): pass --scope <name>`
      : `no scope holds both endpoints (scopes: ${names}); pass --scope <name> to see why`,
  );
}

/** The flow at base and at head side by side, and what the change did to it, with its causes. */
function explainChange(
  sides: { base: LoadedInput; head: LoadedInput; baseTree: ManifestTree; scope: CliScope },
  query: FlowQuery,
  asked: { from: string; to: string; port?: string },
  format: Format,
): string {
  const { base, head } = sides;
  const result = explainFlowChange(
    {
      base: sides.baseTree,
      head: sides.scope.tree,
      baseRevision: { label: base.label },
      headRevision: { label: head.label },
    },
    query,
    sides.scope.options,
  );
  if ("error" in result) throw new UsageError(result.error);
  const { changes } = result;
  if (format === "markdown") {
    return `${renderFlowExplanation(asked, result.base, result.head)}\n\n${renderFlowChanges(changes)}`;
  }
  if (format === "json") {
    const json = { base: result.base && flowJson(result.base), head: result.head && flowJson(result.head) };
    return JSON.stringify({ ...json, changes: flowChangesJson(changes) }, null, 2);
  }
  const side = (name: string, f: FlowExplanation | null) =>
    `At ${name}:\n${f ? flowText(f) : "  (not in this tree)"}`;
  return [side(base.label, result.base), side(head.label, result.head), flowChangesText(changes)].join(
    "\n\n",
  );
}
