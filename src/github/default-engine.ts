import { explainFlowChange } from "../analysis/explain-change.js";
import { buildReview } from "../analysis/review/build.js";
import { loadManifests } from "../manifests/load.js";
import { renderCheckRun } from "../report/check-run.js";
import { COMMENT_MARKER, renderComment } from "../report/comment.js";
import {
  renderChangeExplanation,
  renderFlowChanges,
  renderFlowExplanation,
} from "../report/explain-markdown.js";
import { renderScopedCheckRun } from "../report/scoped-check-run.js";
import { renderScopedComment } from "../report/scoped-comment.js";
import { reviewScopes } from "../scopes/review-scopes.js";
import type { ReviewEngine } from "./engine.js";

/** The real engine and renderers. */
export const defaultEngine: ReviewEngine = {
  loadManifests,
  buildReview,
  reviewScopes: (input) => reviewScopes(input),
  explainFlowChange,
  commentMarker: COMMENT_MARKER,
  renderComment,
  renderCheckRun,
  renderScopedComment: (review, options) => renderScopedComment(review, options),
  renderScopedCheckRun: (review, options) => renderScopedCheckRun(review, options),
  renderChangeExplanation,
  renderFlowExplanation,
  renderFlowChanges,
};
