import type { Finding, Severity } from "../../model/finding.js";
import type { LintContext } from "./context.js";

/**
 * One lint rule: a pure function from the analysed tree to findings. Each finding carries the
 * rule's id and a severity (usually `defaultSeverity`; a rule may raise or lower it for a
 * particular case and says so in its summary). Severity overrides and `off` from the
 * configuration are applied centrally by `lintTree`, never by a rule.
 */
export interface LintRule {
  /** Part of the output contract (`../shared/CLI-JSON.md`): never rename. */
  readonly id: string;
  readonly defaultSeverity: Severity;
  /** One line for docs and `--help`: what the rule catches. */
  readonly summary: string;
  check(context: LintContext): Finding[];
}

/** A finding in the shape every rule returns; `fix` is left out when there is none. */
export function finding(
  rule: string,
  severity: Severity,
  at: { readonly file: string; readonly line: number },
  object: string,
  message: string,
  fix?: string,
): Finding {
  return {
    rule,
    severity,
    file: at.file,
    line: at.line,
    message,
    object,
    ...(fix === undefined ? {} : { fix }),
  };
}
