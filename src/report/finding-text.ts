import type { Finding } from "../model/finding.js";
import { escapeTerminal } from "./escape.js";

/** Compiler-style, so editors and CI logs link it: `dir/file.yaml:12: error: message [rule]`. */
export function findingText(finding: Finding, root = ""): string {
  const file = root ? `${root.replace(/\/+$/, "")}/${finding.file}` : finding.file;
  const object = finding.object ? ` (${finding.object})` : "";
  return escapeTerminal(
    `${file}:${finding.line}: ${finding.severity}: ${finding.message}${object} [${finding.rule}]`,
  );
}
