import { analyseTree } from "../../analysis/cluster.js";
import { lintChange, lintTree } from "../../analysis/lint/index.js";
import { withContext } from "../../analysis/review/context.js";
import type { ReviewFinding } from "../../analysis/review/types.js";
import type { Finding } from "../../model/finding.js";
import { findingText } from "../../report/finding-text.js";
import { failingFindings } from "../../report/verdict.js";
import { sayAlternativesOnce } from "../../scopes/alternative-installs.js";
import { EMPTY_TREE } from "../../scopes/empty-tree.js";
import { markAlternatives } from "../../scopes/review-scopes.js";
import { EXIT } from "../io.js";
import type { LoadedInput } from "../load-input.js";
import {
  type CliScope,
  printNotices,
  readInputs,
  scopedJson,
  scopedText,
  scopesOf,
} from "../scoped-input.js";
import type { Command } from "./command.js";

export const lintCommand: Command = {
  positionals: ["path"],
  formats: ["text", "json"],
  options: { base: { type: "string" }, scope: { type: "string" }, "fail-on": { type: "string" } },
  usage: `Usage: netpol-review lint <path> [--base <path>] [--scope <name>] [--fail-on <severity>] [--format text|json]

Checks the policies for the well-known mistakes (see docs/rules.md) and reports invalid
manifests, scope by scope (docs/scopes.md), with the configuration's rule severities. With
--base, each finding says whether the change from <base> introduced it, and only introduced
findings decide the exit code.

Options:
  --base <path>            compare with this base to mark introduced findings
  --scope <name>           only this scope
  --config <file>          the configuration (default: .github/netpol-review.yml at the git root)
  --fail-on error|warning|notice|never
                           overrides failOn.severity of the configuration (default: error)
  -f, --format text|json   output format (default: text)
  -h, --help               show this help

Exit codes: 0 no finding of the failOn severity or worse (introduced ones, with --base); 1 otherwise.`,
  async run(context) {
    const { options, positionals, io } = context;
    const withBase = typeof options.base === "string";
    const args = withBase ? [options.base as string, positionals[0] as string] : [positionals[0] as string];
    const { config, inputs } = await readInputs(args, context);
    const head = inputs[inputs.length - 1] as LoadedInput;
    const { scopes, notices } = scopesOf(head, config, options.scope);
    const bases = withBase ? scopesOf(inputs[0] as LoadedInput, config, undefined).scopes : undefined;
    const results = scopes.map((s) => ({ scope: s.scope, findings: lintScope(s, bases) }));
    if (context.format === "json")
      io.stdout(scopedJson(results.map((r) => ({ scope: r.scope, value: { findings: r.findings } }))));
    else {
      const line = (f: Finding | ReviewFinding) =>
        `${findingText(f, head.name)}${"introduced" in f ? (f.introduced ? " (introduced)" : " (pre-existing)") : ""}`;
      const text = scopedText(
        results.map((r) => ({ scope: r.scope, text: r.findings.map(line).join("\n") })),
      );
      if (text) io.stdout(text);
    }
    printNotices(io, notices, head.name);
    const judged = results.flatMap((r) => r.findings).filter((f) => !("introduced" in f) || f.introduced);
    return failingFindings(judged, config.failOn.severity).length > 0 ? EXIT.inputErrors : EXIT.ok;
  },
};

/** One scope's findings; with a base, each marked introduced against the base's scope of that name. */
function lintScope(
  scope: CliScope,
  bases: readonly CliScope[] | undefined,
): readonly (Finding | ReviewFinding)[] {
  const analysis = analyseTree(withContext(scope.tree, scope.options.context));
  if (bases === undefined)
    return sayAlternativesOnce(lintTree(analysis, scope.options), scope.alternatives, (g) => g.finding);
  const base = bases.find((b) => b.scope.name === scope.scope.name);
  const before = analyseTree(withContext(base?.tree ?? EMPTY_TREE, scope.options.context));
  return markAlternatives(
    lintChange(before, analysis, scope.options),
    base?.alternatives ?? [],
    scope.alternatives,
  );
}
