import { diffReachability } from "../../analysis/diff.js";
import { buildReview } from "../../analysis/review/build.js";
import { renderComment } from "../../report/comment.js";
import { diffJson, diffText } from "../../report/diff-output.js";
import { type LoadedInput, loadInput } from "../load-input.js";
import type { Command } from "./command.js";
import { reportDiagnostics } from "./diagnostics.js";

export const diffCommand: Command = {
  positionals: ["base", "head"],
  formats: ["text", "json", "markdown"],
  usage: `Usage: netpol-review diff <base> <head> [--format text|json|markdown]

Prints the paths the change from <base> to <head> opens and closes: pairs allowed at head and
not at base (opened, with the newly allowed ports) and the reverse (closed). --format markdown
prints the full review exactly as the GitHub App posts it: grouped paths with their causes,
findings, and a graph of what changed.

Options:
  -f, --format text|json|markdown   output format (default: text)
  -h, --help                        show this help`,
  async run({ io, format, positionals }) {
    const [base, head] = (await Promise.all(positionals.map((p) => loadInput(p, io.cwd)))) as [
      LoadedInput,
      LoadedInput,
    ];
    if (format === "markdown") {
      const review = buildReview({
        base: base.tree,
        head: head.tree,
        baseRevision: { label: base.name },
        headRevision: { label: head.name },
      });
      io.stdout(renderComment(review));
    } else {
      const diff = diffReachability(base.tree, head.tree);
      io.stdout(
        format === "json"
          ? diffJson(diff, { base: base.tree.diagnostics, head: head.tree.diagnostics })
          : diffText(diff),
      );
    }
    return reportDiagnostics(io, [base, head]);
  },
};
