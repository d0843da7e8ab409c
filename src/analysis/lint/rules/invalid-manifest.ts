import { UNANALYSED_FILE } from "../../../manifests/unanalysed-file.js";
import type { Finding } from "../../../model/finding.js";
import type { LintContext } from "../context.js";
import type { LintRule } from "../rule.js";

/**
 * The loader's diagnostics (YAML syntax, fields the API server would reject, objects defined
 * twice), passed through unchanged: the loader already gives each one its rule id, severity
 * (error, or warning for what it could salvage), file, line and object.
 */
export const invalidManifest: LintRule = {
  id: "invalid-manifest",
  defaultSeverity: "error",
  summary: "A manifest the loader could not read or had to correct (syntax, invalid fields, duplicates).",
  check: (context: LintContext): Finding[] =>
    context.tree.diagnostics.filter((d) => d.rule !== UNANALYSED_FILE),
};
