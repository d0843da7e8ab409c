import type { PortSet } from "../../model/port-set.js";
import type { PathGroup, Review } from "./types.js";

export interface FlowChanges {
  readonly opened: readonly PathGroup[];
  readonly closed: readonly PathGroup[];
}

/**
 * The review's groups that contain the pair `from` → `to` (endpoint ids), narrowed to `ports`
 * when given: what changed for this flow, and why.
 */
export function flowChanges(review: Review, from: string, to: string, ports?: PortSet): FlowChanges {
  const narrowed = (groups: readonly PathGroup[]) =>
    groups
      .filter((g) => g.src.endpointIds.includes(from) && g.dst.endpointIds.includes(to))
      .map((g) => (ports ? { ...g, ports: g.ports.intersect(ports) } : g))
      .filter((g) => !g.ports.isEmpty());
  return { opened: narrowed(review.opened), closed: narrowed(review.closed) };
}
