import { type Endpoint, isPodEndpoint } from "../../model/endpoint.js";
import { describeRanges } from "../../model/ip-range.js";
import type { PortSet } from "../../model/port-set.js";
import { compareStrings } from "../reach.js";
import type { Cause, GroupSide, PathGroup } from "./types.js";

export interface AttributedPair {
  readonly src: Endpoint;
  readonly dst: Endpoint;
  readonly ports: PortSet;
  readonly causes: readonly Cause[];
}

export interface GroupingContext {
  /** Workload endpoint ids per namespace on the side the pairs belong to (head for opened, base for closed). */
  readonly workloadsByNamespace: ReadonlyMap<string, ReadonlySet<string>>;
  readonly added: ReadonlySet<string>;
  readonly removed: ReadonlySet<string>;
}

/**
 * Folds pairs that changed the same way for the same reasons into lines a person reads at a
 * glance: all workloads of a namespace become `ns/*`, and external ranges join into one CIDR
 * description. Pairs are bucketed by (ports, causes); within a bucket sources are folded per
 * destination, then destinations per folded source.
 */
export function groupPairs(pairs: readonly AttributedPair[], context: GroupingContext): PathGroup[] {
  const buckets = new Map<string, AttributedPair[]>();
  for (const pair of pairs) {
    const key = `${pair.ports.key()}|${JSON.stringify(pair.causes)}`;
    const bucket = buckets.get(key);
    if (bucket) bucket.push(pair);
    else buckets.set(key, [pair]);
  }
  const groups: PathGroup[] = [];
  for (const bucket of buckets.values()) {
    const { ports, causes } = bucket[0] as AttributedPair;
    const sourcesByDst = collect(
      bucket,
      (p) => p.dst,
      (p) => p.src,
    );
    const dstsBySourceSide = new Map<string, { side: GroupSide; dsts: Map<string, Endpoint> }>();
    for (const { key: dst, members: sources } of sourcesByDst.values()) {
      for (const side of foldSide([...sources.values()], context)) {
        const sideKey = side.endpointIds.join("\u0000");
        const entry = dstsBySourceSide.get(sideKey) ?? { side, dsts: new Map() };
        entry.dsts.set(dst.id, dst);
        dstsBySourceSide.set(sideKey, entry);
      }
    }
    for (const { side: src, dsts } of dstsBySourceSide.values()) {
      for (const dst of foldSide([...dsts.values()], context)) {
        groups.push({ src, dst, ports, causes, pairs: countPairs(src, dst) });
      }
    }
  }
  return groups.sort(
    (a, b) => compareStrings(a.src.label, b.src.label) || compareStrings(a.dst.label, b.dst.label),
  );
}

function countPairs(src: GroupSide, dst: GroupSide): number {
  const dstIds = new Set(dst.endpointIds);
  return src.endpointIds.reduce((n, id) => n + dst.endpointIds.length - (dstIds.has(id) ? 1 : 0), 0);
}

function collect(
  pairs: readonly AttributedPair[],
  keyOf: (p: AttributedPair) => Endpoint,
  memberOf: (p: AttributedPair) => Endpoint,
): Map<string, { key: Endpoint; members: Map<string, Endpoint> }> {
  const out = new Map<string, { key: Endpoint; members: Map<string, Endpoint> }>();
  for (const pair of pairs) {
    const key = keyOf(pair);
    const entry = out.get(key.id) ?? { key, members: new Map() };
    entry.members.set(memberOf(pair).id, memberOf(pair));
    out.set(key.id, entry);
  }
  return out;
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
