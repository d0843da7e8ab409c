import type { FlowAcrossChange } from "../analysis/explain-change.js";
import type { FlowChanges } from "../analysis/review/flow-changes.js";
import type { FlowExplanation, Review, ReviewOptions, Revision } from "../analysis/review/types.js";
import type { SourceFile } from "../manifests/source-file.js";
import type { ManifestTree } from "../model/tree.js";
import type { RenderOptions } from "../report/review-markdown.js";
import type { RepositoryReview, ScopesReviewInput } from "../scopes/review-scopes.js";

export interface CheckRunAnnotation {
  readonly path: string;
  readonly start_line: number;
  readonly end_line: number;
  readonly annotation_level: "notice" | "warning" | "failure";
  readonly message: string;
  readonly title: string;
}

export interface CheckRunOutput {
  readonly title: string;
  readonly summary: string;
  readonly text: string;
  readonly annotations: readonly CheckRunAnnotation[];
}

export type { RenderOptions };

export interface FlowQuery {
  /** `namespace/name` */
  readonly from: string;
  readonly to: string;
  readonly port?: { readonly port: number; readonly protocol: "TCP" | "UDP" | "SCTP" };
}

/**
 * Everything the app needs from the engine and the renderers, behind one interface so that the
 * GitHub interaction can be tested with a small fake engine. `defaultEngine` wires the real one.
 * The app calls it only inside an engine job (`engine-job.ts`: load, review or explain, render),
 * which runs in a worker thread (`workers/`), or in the test's own thread.
 */
export interface ReviewEngine {
  loadManifests(files: readonly SourceFile[]): ManifestTree;
  buildReview(
    input: { base: ManifestTree; head: ManifestTree; baseRevision: Revision; headRevision: Revision },
    options: ReviewOptions,
  ): Review;
  /** The change reviewed scope by scope (src/scopes/review-scopes.ts): what a pull request gets. */
  reviewScopes(input: ScopesReviewInput): RepositoryReview;
  /** One flow at base and at head (null where it does not exist), and what the change did to it. */
  explainFlowChange(
    input: { base: ManifestTree; head: ManifestTree; baseRevision: Revision; headRevision: Revision },
    query: FlowQuery,
    options: ReviewOptions,
  ): FlowAcrossChange | { error: string };
  /** An HTML comment that marks the sticky PR comment, so that it can be found and edited. */
  readonly commentMarker: string;
  renderComment(review: Review, options: RenderOptions): string;
  renderCheckRun(review: Review, options: RenderOptions): CheckRunOutput;
  renderScopedComment(review: RepositoryReview, options: RenderOptions): string;
  renderScopedCheckRun(review: RepositoryReview, options: RenderOptions): CheckRunOutput;
  renderChangeExplanation(review: Review, options: RenderOptions): string;
  renderFlowExplanation(
    query: { from: string; to: string; port?: string },
    base: FlowExplanation | null,
    head: FlowExplanation | null,
    options: RenderOptions,
  ): string;
  renderFlowChanges(changes: FlowChanges, options: RenderOptions): string;
}
