import { explainFlow, type FlowQuery } from "../../analysis/explain.js";
import { explainFlowChange } from "../../analysis/explain-change.js";
import type { FlowExplanation } from "../../analysis/review/types.js";
import {
  renderFlowChanges,
  renderFlowExplanation,
  renderSingleFlowExplanation,
} from "../../report/explain-markdown.js";
import { flowChangesJson, flowChangesText, flowJson, flowText } from "../../report/explain-text.js";
import { UsageError } from "../io.js";
import { type LoadedInput, loadInput } from "../load-input.js";
import { parsePortArg } from "../port-arg.js";
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
  },
  usage: `Usage: netpol-review explain <path> --from <ns>/<name> --to <ns>/<name> [--port <n>[/<proto>]] [--base <path>]

Explains one flow: whether it is allowed, and every policy and rule that decides it, for the
source's egress and the destination's ingress. With --base, the same at base and at <path>.
An endpoint is a workload as <ns>/<name>, an endpoint id as printed by reach, or an address.

Options:
  --from, --to <endpoint>      the flow's source and destination (required)
  --port <n>[/<proto>]         one port, e.g. 5432 or 53/udp (default: every port)
  --base <path>                also explain the flow at this base, side by side
  -f, --format text|json|markdown
  -h, --help                   show this help`,
  async run({ io, format, positionals, options }) {
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
    const head = await loadInput(positionals[0] as string, io.cwd);
    if (typeof options.base !== "string") {
      const flow = explainFlow(head.tree, query);
      if ("error" in flow) throw new UsageError(flow.error);
      io.stdout(
        format === "markdown"
          ? renderSingleFlowExplanation(asked, flow, head.name)
          : format === "json"
            ? JSON.stringify(flowJson(flow), null, 2)
            : flowText(flow),
      );
      return reportDiagnostics(io, [head]);
    }
    const base = await loadInput(options.base, io.cwd);
    io.stdout(explainChange(base, head, query, asked, format));
    return reportDiagnostics(io, [base, head]);
  },
};

/** The flow at base and at head side by side, and what the change did to it, with its causes. */
function explainChange(
  base: LoadedInput,
  head: LoadedInput,
  query: FlowQuery,
  asked: { from: string; to: string; port?: string },
  format: Format,
): string {
  const result = explainFlowChange(
    {
      base: base.tree,
      head: head.tree,
      baseRevision: { label: base.name },
      headRevision: { label: head.name },
    },
    query,
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
  return [side(base.name, result.base), side(head.name, result.head), flowChangesText(changes)].join("\n\n");
}
