import { diffReachability, type ReachDiff } from "../../analysis/diff.js";
import { reviewOfDiff } from "../../analysis/review/build.js";
import { withContext } from "../../analysis/review/context.js";
import type { ManifestTree } from "../../model/tree.js";
import { diffJson, diffText } from "../../report/diff-output.js";
import { escapeTerminal } from "../../report/escape.js";
import { changesOnlyCharts, chartsHeadline } from "../../report/scope-wording.js";
import { renderScopedComment } from "../../report/scoped-comment.js";
import { decideScopedConclusion } from "../../report/scoped-verdict.js";
import { reviewScopes } from "../../scopes/review-scopes.js";
import { EXIT } from "../io.js";
import type { LoadedInput } from "../load-input.js";
import { printNotices, readInputs, scopedJson, scopedText, selectScope } from "../scoped-input.js";
import type { Command } from "./command.js";
import { reportDiagnostics } from "./diagnostics.js";

export const diffCommand: Command = {
  positionals: ["base", "head"],
  formats: ["text", "json", "markdown"],
  options: { scope: { type: "string" }, "fail-on": { type: "string" } },
  usage: `Usage: netpol-review diff <base> <head> [--scope <name>] [--fail-on <severity>] [--format text|json|markdown]

Prints the paths the change from <base> to <head> opens and closes: pairs allowed at head and
not at base (opened, with the newly allowed ports) and the reverse (closed). --format markdown
prints the full review exactly as the GitHub App posts it: grouped paths with their causes,
findings, and a graph of what changed. A repository of several scopes (docs/scopes.md) is
reviewed in the scopes whose files the change touched.

Options:
  --scope <name>                    only this scope
  --config <file>                   the configuration (default: .github/netpol-review.yml at the git root)
  --fail-on error|warning|notice|never
                                    overrides failOn.severity of the configuration
  -f, --format text|json|markdown   output format (default: text)
  -h, --help                        show this help

Exit codes: 0 the check would pass; 1 it would fail (failOn), or the input has errors.`,
  async run(context) {
    const { config, inputs } = await readInputs(context.positionals, context);
    const [base, head] = inputs as [LoadedInput, LoadedInput];
    const diffs = new Map<ManifestTree, ReachDiff>();
    const repository = reviewScopes(
      {
        base: base.files,
        head: head.files,
        baseRevision: { label: base.label },
        headRevision: { label: head.label },
        config,
        prefix: head.prefix,
        where: head.label,
        ...(head.under !== undefined ? { under: head.under } : {}),
        ...(typeof context.options.scope === "string" ? { scope: context.options.scope } : {}),
      },
      (input, options) => {
        const diff = diffReachability(
          withContext(input.base, options.context),
          withContext(input.head, options.context),
        );
        diffs.set(input.head, diff);
        return reviewOfDiff(diff, input, options);
      },
    );
    if (typeof context.options.scope === "string")
      selectScope(repository.scopes, context.options.scope, head.label);
    const reviewed = repository.scopes.flatMap((s) => {
      const diff = s.head && diffs.get(s.head);
      return diff && s.base && s.head ? [{ scope: s.scope, diff, base: s.base, head: s.head }] : [];
    });
    const untouched = repository.scopes.filter((s) => !s.review).map((s) => s.scope.name);
    if (context.format === "markdown") context.io.stdout(renderScopedComment(repository));
    else if (context.format === "json") {
      const value = (r: (typeof reviewed)[number]) =>
        diffJson(r.diff, { base: r.base.diagnostics, head: r.head.diagnostics });
      context.io.stdout(
        scopedJson(
          reviewed.map((r) => ({ scope: r.scope, value: value(r) })),
          { unaffected: untouched },
        ),
      );
    } else {
      const text = scopedText(reviewed.map((r) => ({ scope: r.scope, text: diffText(r.diff) })));
      const rest =
        untouched.length > 0 ? escapeTerminal(`Not affected by this change: ${untouched.join(", ")}`) : "";
      // Never a silent "0 paths opened" for a change the review cannot see into.
      const charts = changesOnlyCharts(repository)
        ? escapeTerminal(chartsHeadline(repository.changedCharts))
        : "";
      context.io.stdout([charts, text, rest].filter(Boolean).join("\n\n"));
    }
    printNotices(context.io, repository.notices, head.name);
    const diagnostics = reportDiagnostics(
      context.io,
      reviewed.map((r) => ({ name: head.name, diagnostics: r.head.diagnostics })),
      reviewed.map((r) => ({ name: base.name, diagnostics: r.base.diagnostics })),
    );
    const verdict = decideScopedConclusion(repository, config.failOn);
    for (const reason of verdict.reasons)
      context.io.stderr(escapeTerminal(`netpol-review: the check would fail: ${reason}`));
    return verdict.conclusion === "failure" ? EXIT.inputErrors : diagnostics;
  },
};
