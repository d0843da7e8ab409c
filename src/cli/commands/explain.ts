import { analyseTree } from "../../analysis/cluster.js";
import { explainFlowIn, type FlowQuery } from "../../analysis/explain.js";
import type { FlowExplanation } from "../../analysis/review/types.js";
import { renderFlowExplanation, renderSingleFlowExplanation } from "../../report/explain-markdown.js";
import { flowJson, flowText } from "../../report/explain-text.js";
import { UsageError } from "../io.js";
import { loadInput } from "../load-input.js";
import { parsePortArg } from "../port-arg.js";
import type { Command } from "./command.js";
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
    const head = await loadInput(positionals[0] as string, io.cwd);
    const base = typeof options.base === "string" ? await loadInput(options.base, io.cwd) : undefined;
    const headResult = explainFlowIn(analyseTree(head.tree), query);
    const baseResult = base ? explainFlowIn(analyseTree(base.tree), query) : undefined;
    // With --base, a flow may exist on one side only (a workload the change adds or removes).
    if ("error" in headResult && (!baseResult || "error" in baseResult))
      throw new UsageError(headResult.error);
    const headFlow = "error" in headResult ? undefined : headResult;
    const baseFlow = !baseResult || "error" in baseResult ? undefined : baseResult;
    if (format === "markdown") {
      const asked = {
        from: query.from,
        to: query.to,
        ...(typeof options.port === "string" && { port: options.port }),
      };
      io.stdout(
        base
          ? renderFlowExplanation(asked, baseFlow ?? null, headFlow ?? null)
          : renderSingleFlowExplanation(asked, headFlow as FlowExplanation, head.name),
      );
    } else if (format === "json") {
      io.stdout(
        JSON.stringify(
          base
            ? { base: baseFlow && flowJson(baseFlow), head: headFlow && flowJson(headFlow) }
            : flowJson(headFlow as FlowExplanation),
          null,
          2,
        ),
      );
    } else {
      const side = (name: string, flow: FlowExplanation | undefined) =>
        `At ${name}:\n${flow ? flowText(flow) : "  (not in this tree)"}`;
      io.stdout(
        base
          ? `${side(base.name, baseFlow)}\n\n${side(head.name, headFlow)}`
          : flowText(headFlow as FlowExplanation),
      );
    }
    return reportDiagnostics(io, base ? [base, head] : [head]);
  },
};
