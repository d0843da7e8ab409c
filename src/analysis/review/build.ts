import { type Endpoint, hasSelfPair } from "../../model/endpoint.js";
import type { ManifestTree } from "../../model/tree.js";
import type { ClusterAnalysis } from "../cluster.js";
import { countPairs, diffReachability, type ReachDiff } from "../diff.js";
import { workloadId } from "../endpoints.js";
import { explainPair } from "../explain.js";
import { lintChange } from "../lint/index.js";
import { Attributor } from "./attribute.js";
import { withContext } from "./context.js";
import { type GroupingContext, groupBlocks } from "./group.js";
import type { PathGroup, Review, ReviewOptions, Revision } from "./types.js";

/** Groups per list that carry an explained example: more than any reply shows. */
const EXPLAINED_GROUPS = 200;

export interface ReviewInput {
  readonly base: ManifestTree;
  readonly head: ManifestTree;
  readonly baseRevision: Revision;
  readonly headRevision: Revision;
}

/**
 * The whole review of a change, in the order a reviewer reads it: what opened and closed
 * (grouped, each with its causes), then what the change does wrong (findings).
 */
export function buildReview(input: ReviewInput, options: ReviewOptions = {}): Review {
  const diff = diffReachability(
    withContext(input.base, options.context),
    withContext(input.head, options.context),
  );
  return reviewOfDiff(diff, input, options);
}

/** The review of a diff already computed (of `input`'s trees with `options.context` applied). */
export function reviewOfDiff(diff: ReachDiff, input: ReviewInput, options: ReviewOptions = {}): Review {
  const attributor = new Attributor(diff);
  const example = exampleExplainer(diff);
  const opened = groupBlocks(
    diff.openedBlocks.map((block) => attributor.blockCauses(block, true)),
    groupingContext(diff, diff.head, attributor),
  ).map((group, i) => (i < EXPLAINED_GROUPS ? example(group) : group));
  const closed = groupBlocks(
    diff.closedBlocks.map((block) => attributor.blockCauses(block, false)),
    groupingContext(diff, diff.base, attributor),
  ).map((group, i) => (i < EXPLAINED_GROUPS ? example(group) : group));
  return {
    base: input.baseRevision,
    head: input.headRevision,
    opened,
    closed,
    findings: lintChange(diff.base, diff.head, options),
    stats: {
      openedPairs: countPairs(diff.openedBlocks),
      closedPairs: countPairs(diff.closedBlocks),
      workloads: { base: input.base.workloads.length, head: input.head.workloads.length },
      policies: { base: input.base.policies.length, head: input.head.policies.length },
    },
  };
}

function groupingContext(diff: ReachDiff, side: ClusterAnalysis, attributor: Attributor): GroupingContext {
  const workloadsByNamespace = new Map<string, Set<string>>();
  for (const w of side.tree.workloads) {
    const id = workloadId(w);
    const set = workloadsByNamespace.get(w.namespace);
    if (set) set.add(id);
    else workloadsByNamespace.set(w.namespace, new Set([id]));
  }
  return {
    workloadsByNamespace,
    added: diff.added,
    removed: diff.removed,
    ownCauses: (e) => attributor.ownCauses(e),
  };
}

/** Explains a group's first pair on both sides, on exactly the ports that changed. */
function exampleExplainer(diff: ReachDiff): (group: PathGroup) => PathGroup {
  const indexes = (analysis: ClusterAnalysis) => new Map(analysis.endpoints.map((e, i) => [e.id, i]));
  const sides = [diff.base, diff.head].map((analysis) => ({ analysis, index: indexes(analysis) }));
  const endpointById = new Map(diff.endpoints.map((e) => [e.id, e]));
  return (group) => {
    const [src, dst] = firstPair(group, endpointById);
    const [base, head] = sides.map(({ analysis, index }) => {
      const s = index.get(src);
      const d = index.get(dst);
      return s === undefined || d === undefined ? null : explainPair(analysis, s, d, group.ports);
    });
    return { ...group, example: { base: base ?? null, head: head ?? null } };
  };
}

/** The group's first pair (two different endpoints, or one with its own pods); a group holds at least one. */
function firstPair(group: PathGroup, endpointById: ReadonlyMap<string, Endpoint>): [string, string] {
  const first = group.src.endpointIds[0] as string;
  for (const s of group.src.endpointIds) {
    const source = endpointById.get(s);
    const d = group.dst.endpointIds.find((id) => id !== s || (source && hasSelfPair(source)));
    if (d !== undefined) return [s, d];
  }
  return [first, group.dst.endpointIds[0] as string];
}
