import type { Reachability } from "../../src/analysis/reach.js";
import { type Endpoint, isPodEndpoint } from "../../src/model/endpoint.js";
import type { IpRange } from "../../src/model/ip-range.js";
import { PortSet } from "../../src/model/port-set.js";
import { parseExternal, type UpstreamLine } from "./upstream-format.js";

/**
 * netpol-analyzer names a pod after its top owner (`ns/coredns-64897985d[ReplicaSet]`); our
 * endpoints are the manifests' objects, so a Pod from a cluster dump is mapped to its owner.
 */
export function upstreamName(endpoint: Endpoint): string | null {
  if (!isPodEndpoint(endpoint) || !endpoint.workload) return null;
  const { workload } = endpoint;
  const owner = workload.owner;
  return owner
    ? `${workload.namespace}/${owner.name}[${owner.kind}]`
    : `${workload.namespace}/${workload.name}[${workload.kind}]`;
}

type Side = Map<string, PortSet>;

interface ExternalEdge {
  readonly workload: string;
  readonly outbound: boolean;
  readonly range: IpRange;
  readonly ports: PortSet;
}

/**
 * Both outputs as comparable facts: workload-to-workload pairs by name, and workload-to-external
 * edges cut into address ranges that both sides agree on, so that two ways of splitting the
 * address space compare equal when they allow the same thing. IPv6 and other endpoints are left out:
 * netpol-analyzer reports neither.
 */
export interface Comparison {
  readonly matching: number;
  readonly mismatches: string[];
}

export function compareWithUpstream(
  reach: Reachability,
  upstream: readonly UpstreamLine[],
  aliases: Readonly<Record<string, string>> = {},
): Comparison {
  const ours: Side = new Map();
  const ourExternal: ExternalEdge[] = [];
  const name = (e: Endpoint) => {
    const n = upstreamName(e);
    return n === null ? null : (aliases[n] ?? n);
  };
  for (const c of reach.connections) {
    const src = name(c.src);
    const dst = name(c.dst);
    if (src && dst) {
      if (src !== dst) add(ours, `${src} => ${dst}`, c.ports);
    } else if (src && c.dst.kind === "External" && c.dst.range.family === 4) {
      ourExternal.push({ workload: src, outbound: true, range: c.dst.range, ports: c.ports });
    } else if (dst && c.src.kind === "External" && c.src.range.family === 4) {
      ourExternal.push({ workload: dst, outbound: false, range: c.src.range, ports: c.ports });
    }
  }
  const theirs: Side = new Map();
  const theirExternal: ExternalEdge[] = [];
  for (const line of upstream) {
    const srcRanges = parseExternal(line.src);
    const dstRanges = parseExternal(line.dst);
    if (line.src.startsWith("{") || line.dst.startsWith("{")) continue;
    if (srcRanges)
      for (const range of srcRanges)
        theirExternal.push({ workload: line.dst, outbound: false, range, ports: line.ports });
    else if (dstRanges)
      for (const range of dstRanges)
        theirExternal.push({ workload: line.src, outbound: true, range, ports: line.ports });
    else add(theirs, `${line.src} => ${line.dst}`, line.ports);
  }
  const cuts = [
    ...new Set([...ourExternal, ...theirExternal].flatMap((e) => [e.range.start, e.range.end + 1n])),
  ].sort((a, b) => (a < b ? -1 : 1));
  for (const [side, edges] of [
    [ours, ourExternal],
    [theirs, theirExternal],
  ] as const) {
    for (const edge of edges) {
      for (const piece of cutRange(edge.range, cuts)) {
        const ext = `${piece.start}-${piece.end}`;
        add(side, edge.outbound ? `${edge.workload} => ${ext}` : `${ext} => ${edge.workload}`, edge.ports);
      }
    }
  }
  const mismatches: string[] = [];
  let matching = 0;
  for (const key of new Set([...ours.keys(), ...theirs.keys()])) {
    const a = ours.get(key) ?? PortSet.EMPTY;
    const b = theirs.get(key) ?? PortSet.EMPTY;
    if (a.equals(b)) matching++;
    else mismatches.push(`${key}: ours ${a}, netpol-analyzer ${b}`);
  }
  return { matching, mismatches };
}

function add(side: Side, key: string, ports: PortSet): void {
  side.set(key, (side.get(key) ?? PortSet.EMPTY).union(ports));
}

/** Splits `range` at the sorted `cuts` that fall inside it. */
function cutRange(range: IpRange, cuts: readonly bigint[]): IpRange[] {
  const pieces: IpRange[] = [];
  let start = range.start;
  for (let i = firstAbove(cuts, range.start); i < cuts.length && (cuts[i] as bigint) <= range.end; i++) {
    pieces.push({ family: range.family, start, end: (cuts[i] as bigint) - 1n });
    start = cuts[i] as bigint;
  }
  pieces.push({ family: range.family, start, end: range.end });
  return pieces;
}

function firstAbove(sorted: readonly bigint[], value: bigint): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((sorted[mid] as bigint) <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
