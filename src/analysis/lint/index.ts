import type { Finding } from "../../model/finding.js";
import type { ClusterAnalysis } from "../cluster.js";
import type { ReviewFinding, ReviewOptions } from "../review/types.js";
import { LintContext } from "./context.js";
import { matchFindings } from "./identity.js";
import { LINT_RULES } from "./registry.js";

export { DEFAULT_DESCRIPTION_ANNOTATIONS, type KnownPod, LintContext } from "./context.js";
export { findingIdentity } from "./identity.js";
export { LINT_RULES } from "./registry.js";
export type { LintRule } from "./rule.js";

/**
 * Every finding about one analysed tree: the loader's diagnostics (rule `invalid-manifest`)
 * and every lint rule's, with the configuration's per-rule severity overrides and `off`
 * applied, sorted by file, line and rule.
 */
export function lintTree(analysis: ClusterAnalysis, options: ReviewOptions = {}): Finding[] {
  const context = new LintContext(analysis, options);
  const overrides = options.rules ?? {};
  const out: Finding[] = [];
  for (const rule of LINT_RULES) {
    if (overrides[rule.id] === "off") continue;
    for (const finding of rule.check(context)) {
      const override = overrides[finding.rule];
      if (override === "off") continue;
      out.push(override === undefined ? finding : { ...finding, severity: override });
    }
  }
  return out.sort(compareFindings);
}

/**
 * Head's findings, each marked `introduced` unless base has the same finding (same rule, same
 * object, same message once line numbers are ignored): a policy that only moved to other
 * lines or another file keeps its findings pre-existing.
 */
export function lintChange(
  base: ClusterAnalysis,
  head: ClusterAnalysis,
  options: ReviewOptions = {},
): ReviewFinding[] {
  const after = lintTree(head, options);
  const existed = matchFindings(lintTree(base, options), after);
  return after.map((finding, i) => ({ ...finding, introduced: !existed[i] }));
}

function compareFindings(a: Finding, b: Finding): number {
  return (
    compare(a.file, b.file) ||
    a.line - b.line ||
    compare(a.rule, b.rule) ||
    compare(a.object ?? "", b.object ?? "") ||
    compare(a.message, b.message)
  );
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
