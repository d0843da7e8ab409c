import { matchFindings } from "../../analysis/lint/identity.js";
import type { Finding } from "../../model/finding.js";
import { findingText } from "../../report/finding-text.js";
import { type CliIo, EXIT } from "../io.js";

export interface DiagnosticsOf {
  /** The prefix of file names (`LoadedInput.name`). */
  readonly name: string;
  readonly diagnostics: readonly Finding[];
}

/**
 * Loader diagnostics go to stderr so that stdout stays parseable; errors make the exit code 1.
 * Each line is printed once (a base shared by two scopes is read twice). With `base`, the base's
 * diagnostics are printed only where the head does not have them too: a diff shows what is broken
 * now, and what was broken before and is no longer.
 */
export function reportDiagnostics(
  io: CliIo,
  head: readonly DiagnosticsOf[],
  base: readonly DiagnosticsOf[] = [],
): number {
  const printed = new Set<string>();
  let errors = false;
  const print = (d: Finding, name: string) => {
    const line = findingText(d, name);
    if (printed.has(line)) return;
    printed.add(line);
    io.stderr(line);
    if (d.severity === "error") errors = true;
  };
  for (const side of head) for (const d of side.diagnostics) print(d, side.name);
  const atHead = head.flatMap((side) => side.diagnostics);
  for (const side of base) {
    const alsoAtHead = matchFindings(atHead, side.diagnostics);
    side.diagnostics.forEach((d, i) => {
      if (!alsoAtHead[i]) print(d, side.name);
    });
  }
  return errors ? EXIT.inputErrors : EXIT.ok;
}
