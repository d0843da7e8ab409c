import { analyseTree } from "../../analysis/cluster.js";
import { lintChange, lintTree } from "../../analysis/lint/index.js";
import type { ReviewFinding } from "../../analysis/review/types.js";
import type { Finding } from "../../model/finding.js";
import { findingText } from "../../report/finding-text.js";
import { EXIT } from "../io.js";
import { loadInput } from "../load-input.js";
import type { Command } from "./command.js";

export const lintCommand: Command = {
  positionals: ["path"],
  formats: ["text", "json"],
  options: { base: { type: "string" } },
  usage: `Usage: netpol-review lint <path> [--base <path>] [--format text|json]

Checks the policies for the well-known mistakes (see docs/rules.md) and reports invalid
manifests. With --base, each finding says whether the change from <base> introduced it, and
only introduced findings decide the exit code.

Options:
  --base <path>            compare with this base to mark introduced findings
  -f, --format text|json   output format (default: text)
  -h, --help               show this help

Exit codes: 0 no error-severity finding (introduced ones, with --base); 1 otherwise.`,
  async run({ io, format, positionals, options }) {
    const head = await loadInput(positionals[0] as string, io.cwd);
    const headAnalysis = analyseTree(head.tree);
    const findings: readonly (Finding | ReviewFinding)[] =
      typeof options.base === "string"
        ? lintChange(analyseTree((await loadInput(options.base, io.cwd)).tree), headAnalysis)
        : lintTree(headAnalysis);
    if (format === "json") io.stdout(JSON.stringify({ findings }, null, 2));
    else {
      for (const f of findings) {
        const mark = "introduced" in f ? (f.introduced ? " (introduced)" : " (pre-existing)") : "";
        io.stdout(`${findingText(f, head.name)}${mark}`);
      }
    }
    const judged = findings.filter((f) => !("introduced" in f) || f.introduced);
    return judged.some((f) => f.severity === "error") ? EXIT.inputErrors : EXIT.ok;
  },
};
