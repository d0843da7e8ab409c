import type { Finding, Severity } from "../model/finding.js";
import { shorten } from "./quote.js";

const INVALID_MANIFEST = "invalid-manifest";

export function invalidManifest(
  file: string,
  line: number,
  message: string,
  object?: string,
  severity: Severity = "error",
): Finding {
  return {
    rule: INVALID_MANIFEST,
    severity,
    file,
    line,
    message,
    ...(object === undefined ? {} : { object }),
  };
}

/** `"<Kind> <ns>/<name>"`, or `"<Kind> <name>"` when `namespace` is undefined (cluster-scoped). */
export function objectName(kind: string, namespace: string | undefined, name: string | undefined): string {
  const shown = name === undefined || name === "" ? "(unnamed)" : shorten(name);
  return namespace === undefined
    ? `${shorten(kind)} ${shown}`
    : `${shorten(kind)} ${shorten(namespace)}/${shown}`;
}
