import { UNANALYSED_FILE } from "../../../manifests/unanalysed-file.js";
import type { Finding } from "../../../model/finding.js";
import type { LintContext } from "../context.js";
import type { LintRule } from "../rule.js";

/**
 * The loader's word on files the manifest globs select but the review could not read (symbolic
 * links, submodules, Git LFS pointers, files over the size limit), passed through.
 */
export const unanalysedFile: LintRule = {
  id: UNANALYSED_FILE,
  defaultSeverity: "warning",
  summary:
    "A file the manifest globs select that the review could not read: a symbolic link, a submodule, a Git LFS pointer or a file over the size limit.",
  check: (context: LintContext): Finding[] =>
    context.tree.diagnostics.filter((d) => d.rule === UNANALYSED_FILE),
};
