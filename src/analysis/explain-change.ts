import { PortSet } from "../model/port-set.js";
import { diffReachability } from "./diff.js";
import { explainFlowIn, type FlowQuery } from "./explain.js";
import { type ReviewInput, reviewOfDiff } from "./review/build.js";
import { withContext } from "./review/context.js";
import { type FlowChanges, flowChanges } from "./review/flow-changes.js";
import type { FlowExplanation, ReviewOptions } from "./review/types.js";

export interface FlowAcrossChange {
  /** Null where the flow's endpoints do not exist (a workload the change adds or removes). */
  readonly base: FlowExplanation | null;
  readonly head: FlowExplanation | null;
  /** What the change did to this flow, and why. */
  readonly changes: FlowChanges;
}

/**
 * One flow at base and at head, and what the change did to it. Both sides are explained in the
 * diff's own analyses, which cut external ranges and place stand-ins alike, so that an address
 * or a stand-in names the same endpoint on both sides.
 */
export function explainFlowChange(
  input: ReviewInput,
  query: FlowQuery,
  options: ReviewOptions = {},
): FlowAcrossChange | { error: string } {
  const diff = diffReachability(
    withContext(input.base, options.context),
    withContext(input.head, options.context),
  );
  const base = explainFlowIn(diff.base, query);
  const head = explainFlowIn(diff.head, query);
  if ("error" in base && "error" in head) return head;
  const flow = ("error" in head ? base : head) as FlowExplanation;
  const ports = query.port && PortSet.port(query.port.protocol, query.port.port);
  return {
    base: "error" in base ? null : base,
    head: "error" in head ? null : head,
    changes: flowChanges(reviewOfDiff(diff, input, options), flow.from, flow.to, ports),
  };
}
