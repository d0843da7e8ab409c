import type { SourceRef } from "./source.js";

export const SEVERITIES = ["error", "warning", "notice"] as const;
export type Severity = (typeof SEVERITIES)[number];

/**
 * One thing worth telling the user about a tree: a loader diagnostic (rule `invalid-manifest`)
 * or a lint finding. Expected failures are values of this type, never exceptions.
 */
export interface Finding extends SourceRef {
  readonly rule: string;
  readonly severity: Severity;
  readonly message: string;
  /** `"<Kind> <ns>/<name>"` (or `"<Kind> <name>"` for cluster-scoped objects) when one object is at fault. */
  readonly object?: string;
  /** How to fix it, when there is a known fix. */
  readonly fix?: string;
}
