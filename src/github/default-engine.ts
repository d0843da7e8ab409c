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
import type { ReviewEngine } from "./engine.js";

/** The real engine and renderers. */
export const defaultEngine: ReviewEngine = {
  loadManifests,
  buildReview,
  explainFlowChange,
  commentMarker: COMMENT_MARKER,
  renderComment,
  renderCheckRun,
  renderChangeExplanation,
  renderFlowExplanation,
  renderFlowChanges,
};
