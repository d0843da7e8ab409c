import type { PathGroup, Review } from "./types.js";

export interface FlowChanges {
  readonly opened: readonly PathGroup[];
  readonly closed: readonly PathGroup[];
}

/** The review's groups that contain the pair `from` → `to` (endpoint ids): what changed for this flow, and why. */
export function flowChanges(review: Review, from: string, to: string): FlowChanges {
  const has = (g: PathGroup) => g.src.endpointIds.includes(from) && g.dst.endpointIds.includes(to);
  return { opened: review.opened.filter(has), closed: review.closed.filter(has) };
}
