import type { Labels } from "./labels.js";
import type { SourceRef } from "./source.js";

/** The label every namespace carries, whether or not a Namespace manifest exists. */
export const NAMESPACE_NAME_LABEL = "kubernetes.io/metadata.name";

export interface Namespace {
  readonly name: string;
  /** Declared labels; the implicit name label is added by the analysis, not stored here. */
  readonly labels: Labels;
  readonly source: SourceRef;
}
