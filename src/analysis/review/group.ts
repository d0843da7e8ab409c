import { type Endpoint, hasSelfPair, isPodEndpoint } from "../../model/endpoint.js";
import { describeRanges } from "../../model/ip-range.js";
import type { PortSet } from "../../model/port-set.js";
import { compareStrings } from "../reach.js";
import type { Cause, GroupSide, PathGroup } from "./types.js";

/** A block of pairs (as in `PairBlock`: self-pairs where `hasSelfPair`) with the causes they share. */
export interface AttributedBlock {
  readonly src: readonly Endpoint[];
  readonly dst: readonly Endpoint[];
  readonly ports: PortSet;
  readonly causes: readonly Cause[];
}

export interface GroupingContext {
  /** Workload endpoint ids per namespace on the side the pairs belong to (head for opened, base for closed). */
  readonly workloadsByNamespace: ReadonlyMap<string, ReadonlySet<string>>;
  readonly added: ReadonlySet<string>;
  readonly removed: ReadonlySet<string>;
  /** A workload's own changes (added, relabelled), shown with the groups it is part of. */
  readonly ownCauses: (endpoint: Endpoint) => readonly Cause[];
}

/**
 * Folds pairs that changed the same way for the same reasons into lines a person reads at a
 * glance: all workloads of a namespace become `ns/*`, and external ranges join into one CIDR
 * description. Blocks are bucketed by (ports, causes); within a bucket, destinations that receive
 * from the same sources are gathered and those sources folded, then the destinations of each
 * folded source side are folded. Work grows with the blocks' sides, never with their pairs.
 */
export function groupBlocks(blocks: readonly AttributedBlock[], context: GroupingContext): PathGroup[] {
  const buckets = new Map<string, AttributedBlock[]>();
  for (const block of blocks) {
    const key = `${block.ports.key()}|${JSON.stringify(block.causes)}`;
    const bucket = buckets.get(key);
    if (bucket) bucket.push(block);
    else buckets.set(key, [block]);
  }
  const groups: PathGroup[] = [];
  for (const bucket of buckets.values()) {
    const { ports, causes } = bucket[0] as AttributedBlock;
    // Each destination's sources, named by the blocks that carry them (not expanded).
    const blocksByDst = new Map<string, { dst: Endpoint; blocks: number[] }>();
    bucket.forEach((block, i) => {
      for (const dst of block.dst) {
        const entry = blocksByDst.get(dst.id) ?? { dst, blocks: [] };
        entry.blocks.push(i);
        blocksByDst.set(dst.id, entry);
      }
    });
    const dstsBySources = new Map<string, { blocks: number[]; dsts: Endpoint[] }>();
    for (const { dst, blocks: ids } of blocksByDst.values()) {
      const key = ids.join(",");
      const entry = dstsBySources.get(key) ?? { blocks: ids, dsts: [] };
      entry.dsts.push(dst);
      dstsBySources.set(key, entry);
    }
    const dstsBySourceSide = new Map<string, { side: GroupSide; dsts: Map<string, Endpoint> }>();
    for (const { blocks: ids, dsts } of dstsBySources.values()) {
      const sources = new Map<string, Endpoint>();
      for (const i of ids) for (const src of (bucket[i] as AttributedBlock).src) sources.set(src.id, src);
      for (const side of foldSide([...sources.values()], context)) {
        const sideKey = side.endpointIds.join("\u0000");
        const entry = dstsBySourceSide.get(sideKey) ?? { side, dsts: new Map() };
        for (const dst of dsts) entry.dsts.set(dst.id, dst);
        dstsBySourceSide.set(sideKey, entry);
      }
    }
    const endpointById = new Map<string, Endpoint>();
    for (const block of bucket) for (const e of [...block.src, ...block.dst]) endpointById.set(e.id, e);
    for (const { side: src, dsts } of dstsBySourceSide.values()) {
      for (const dst of foldSide([...dsts.values()], context)) {
        const pairs = countPairs(src, dst, endpointById);
        if (pairs === 0) continue;
        const members = [...src.endpointIds, ...dst.endpointIds].map(
          (id) => endpointById.get(id) as Endpoint,
        );
        groups.push({ src, dst, ports, causes: [...ownCauses(members, context), ...causes], pairs });
      }
    }
  }
  return groups.sort(
    (a, b) => compareStrings(a.src.label, b.src.label) || compareStrings(a.dst.label, b.dst.label),
  );
}

/** At most this many workload changes of one kind are listed per group; more are summarised. */
const LISTED_OWN_CAUSES = 3;

/** The members' own changes, once each, in order; a long run of one kind becomes one summary. */
function ownCauses(members: readonly Endpoint[], context: GroupingContext): Cause[] {
  const byKind = new Map<string, Cause[]>();
  const seen = new Set<string>();
  for (const member of members) {
    for (const cause of context.ownCauses(member)) {
      const key = `${cause.kind}|${cause.object}|${cause.detail}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const list = byKind.get(cause.kind);
      if (list) list.push(cause);
      else byKind.set(cause.kind, [cause]);
    }
  }
  return [...byKind.values()].flatMap((unsorted) => {
    const list = unsorted.sort((a, b) => compareStrings(a.file, b.file) || a.line - b.line);
    if (list.length <= LISTED_OWN_CAUSES) return list;
    const first = list[0] as Cause;
    const names = list.slice(0, LISTED_OWN_CAUSES).map((c) => c.object);
    return [
      { ...first, object: `${list.length} workloads`, detail: `${first.detail}: ${names.join(", ")}, …` },
    ];
  });
}

function countPairs(src: GroupSide, dst: GroupSide, endpointById: ReadonlyMap<string, Endpoint>): number {
  const dstIds = new Set(dst.endpointIds);
  const noSelfPair = (id: string) => dstIds.has(id) && !hasSelfPair(endpointById.get(id) as Endpoint);
  return src.endpointIds.reduce((n, id) => n + dst.endpointIds.length - (noSelfPair(id) ? 1 : 0), 0);
}

/** Endpoints as the fewest sides: whole namespaces (two or more workloads), one external side, the rest alone. */
function foldSide(endpoints: readonly Endpoint[], context: GroupingContext): GroupSide[] {
  const sides: GroupSide[] = [];
  const external = endpoints.filter((e) => e.kind === "External");
  const byNamespace = new Map<string, Endpoint[]>();
  for (const e of endpoints) {
    if (!isPodEndpoint(e)) continue;
    if (!e.workload) {
      sides.push(single(e, context));
      continue;
    }
    const members = byNamespace.get(e.namespace);
    if (members) members.push(e);
    else byNamespace.set(e.namespace, [e]);
  }
  for (const [namespace, members] of byNamespace) {
    const all = context.workloadsByNamespace.get(namespace);
    if (all && all.size >= 2 && members.length === all.size) {
      const ids = members.map((e) => e.id).sort();
      sides.push({ kind: "namespace", label: `${namespace}/*`, endpointIds: ids, ...changeOf(ids, context) });
    } else for (const e of members) sides.push(single(e, context));
  }
  if (external.length > 0) {
    const ranges = external.flatMap((e) => (e.kind === "External" ? [e.range] : []));
    const ids = external.map((e) => e.id).sort();
    sides.push({ kind: "external", label: describeRanges(ranges), endpointIds: ids });
  }
  return sides.sort((a, b) => compareStrings(a.label, b.label));
}

function single(e: Endpoint, context: GroupingContext): GroupSide {
  return { kind: "endpoint", label: e.label, endpointIds: [e.id], ...changeOf([e.id], context) };
}

function changeOf(ids: readonly string[], context: GroupingContext): Pick<GroupSide, "change"> {
  if (ids.every((id) => context.added.has(id))) return { change: "added" };
  if (ids.every((id) => context.removed.has(id))) return { change: "removed" };
  return {};
}
