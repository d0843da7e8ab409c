import type { Config } from "../config/schema.js";

/** One cluster or environment, reviewed on its own (docs/scopes.md). */
export interface Scope {
  /** What the comment, the check and `--scope` call it. */
  readonly name: string;
  /** The directory shown for it: its kustomization root, or the directory its files share. */
  readonly root: string;
  /** Kustomization directories rendered into it. */
  readonly roots: readonly string[];
  /** Files read as they are (no kustomization of the scope reads them). */
  readonly plainFiles: readonly string[];
  /** Every file the scope reads, rendered or plain, sorted: a change to one changes the scope. */
  readonly inputs: readonly string[];
  /** The configuration's scope-level `context`, added to the top-level one. */
  readonly context?: Config["context"];
}

export type NoticeRule =
  | "helm-chart"
  | "go-template"
  | "unanalysed-kind"
  | "outside-scopes"
  | "missing-root"
  | "no-manifests";

/** Something about the repository as a whole that the review does not analyse, said once. */
export interface RepositoryNotice {
  readonly rule: NoticeRule;
  /** Plain English, unescaped. */
  readonly message: string;
  readonly file?: string;
  readonly line?: number;
}
