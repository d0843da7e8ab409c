import { findingText } from "../../report/finding-text.js";
import { type CliIo, EXIT } from "../io.js";
import type { LoadedInput } from "../load-input.js";

/** Loader diagnostics go to stderr so that stdout stays parseable; errors make the exit code 1. */
export function reportDiagnostics(io: CliIo, inputs: readonly LoadedInput[]): number {
  let errors = false;
  for (const input of inputs) {
    for (const d of input.tree.diagnostics) {
      io.stderr(findingText(d, input.name));
      if (d.severity === "error") errors = true;
    }
  }
  return errors ? EXIT.inputErrors : EXIT.ok;
}
