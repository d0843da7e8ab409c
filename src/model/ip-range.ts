import type { Cidr, IpFamily } from "./cidr.js";

/** A contiguous range of addresses of one family, `start`..`end` inclusive. */
export interface IpRange {
  readonly family: IpFamily;
  readonly start: bigint;
  readonly end: bigint;
}

export const FAMILIES: readonly IpFamily[] = [4, 6];

export function familyBits(family: IpFamily): number {
  return family === 4 ? 32 : 128;
}

export function familyMax(family: IpFamily): bigint {
  return (1n << BigInt(familyBits(family))) - 1n;
}

export function formatAddress(family: IpFamily, value: bigint): string {
  if (family === 4) {
    return [24n, 16n, 8n, 0n].map((shift) => ((value >> shift) & 255n).toString()).join(".");
  }
  const groups: string[] = [];
  for (let shift = 112n; shift >= 0n; shift -= 16n) groups.push(((value >> shift) & 0xffffn).toString(16));
  return compressIpv6(groups);
}

/** RFC 5952: the longest run (of two or more) of zero groups becomes `::`. */
function compressIpv6(groups: string[]): string {
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < groups.length; ) {
    if (groups[i] !== "0") {
      i++;
      continue;
    }
    let j = i;
    while (j < groups.length && groups[j] === "0") j++;
    if (j - i > bestLength) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j;
  }
  if (bestStart < 0) return groups.join(":");
  return `${groups.slice(0, bestStart).join(":")}::${groups.slice(bestStart + bestLength).join(":")}`;
}

/** The fewest CIDR blocks that exactly cover the range, in address order. */
export function rangeToCidrs(range: IpRange): string[] {
  const bits = familyBits(range.family);
  const out: string[] = [];
  let start = range.start;
  while (start <= range.end) {
    let size = 0;
    while (size < bits) {
      const block = 1n << BigInt(size + 1);
      if (start % block !== 0n || start + block - 1n > range.end) break;
      size++;
    }
    out.push(`${formatAddress(range.family, start)}/${bits - size}`);
    start += 1n << BigInt(size);
  }
  return out;
}

/** `10.0.0.0/8` when one block covers it, else `10.0.0.0-10.0.0.2` (netpol-analyzer's notation). */
export function describeRange(range: IpRange): string {
  const cidrs = rangeToCidrs(range);
  if (cidrs.length === 1) return cidrs[0] as string;
  return `${formatAddress(range.family, range.start)}-${formatAddress(range.family, range.end)}`;
}

export function rangeWithin(inner: IpRange, outer: IpRange): boolean {
  return inner.family === outer.family && inner.start >= outer.start && inner.end <= outer.end;
}

/** The boundaries a CIDR puts on its family's number line: where it starts and just past its end. */
export function cidrBoundaries(cidr: Cidr): bigint[] {
  return [cidr.start, cidr.end + 1n];
}

/**
 * Cuts each family's whole address space at the given boundaries into disjoint ranges that
 * together cover it, so that every CIDR whose boundaries were given either contains a range
 * or misses it entirely.
 */
export function splitAddressSpace(boundaries: ReadonlyMap<IpFamily, Iterable<bigint>>): IpRange[] {
  const out: IpRange[] = [];
  for (const family of FAMILIES) {
    const max = familyMax(family);
    const cuts = [...new Set([0n, ...(boundaries.get(family) ?? [])])]
      .filter((b) => b >= 0n && b <= max)
      .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    cuts.forEach((start, i) => {
      const next = cuts[i + 1];
      out.push({ family, start, end: next === undefined ? max : next - 1n });
    });
  }
  return out;
}

/**
 * Several ranges in the fewest words: `10.0.0.0/8, 192.168.0.0/16`, or, when shorter, the
 * covering block minus its gaps: `0.0.0.0/0 except 10.0.0.0/8`. Families are described apart.
 */
export function describeRanges(ranges: readonly IpRange[]): string {
  return FAMILIES.map((family) => describeFamily(mergeRanges(ranges.filter((r) => r.family === family))))
    .filter((text) => text !== "")
    .join("; ");
}

function describeFamily(merged: readonly IpRange[]): string {
  const first = merged[0];
  const last = merged.at(-1);
  if (!first || !last) return "";
  const listed = merged.flatMap(rangeToCidrs);
  const cover = coveringBlock(first.family, first.start, last.end);
  const gaps: IpRange[] = [];
  let next = cover.start;
  for (const r of merged) {
    if (r.start > next) gaps.push({ family: first.family, start: next, end: r.start - 1n });
    next = r.end + 1n;
  }
  if (next <= cover.end) gaps.push({ family: first.family, start: next, end: cover.end });
  const excepted = gaps.flatMap(rangeToCidrs);
  if (excepted.length > 0 && 1 + excepted.length < listed.length) {
    return `${rangeToCidrs(cover)[0]} except ${excepted.join(", ")}`;
  }
  return listed.join(", ");
}

/** Sorted, with touching and overlapping ranges joined. */
export function mergeRanges(ranges: readonly IpRange[]): IpRange[] {
  const sorted = [...ranges].sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  const out: IpRange[] = [];
  for (const r of sorted) {
    const last = out.at(-1);
    if (!last || last.family !== r.family || r.start > last.end + 1n) out.push(r);
    else if (r.end > last.end) out[out.length - 1] = { ...last, end: r.end };
  }
  return out;
}

/** The smallest CIDR block that contains start..end. */
function coveringBlock(family: IpFamily, start: bigint, end: bigint): IpRange {
  const bits = familyBits(family);
  for (let prefix = bits; prefix >= 0; prefix--) {
    const size = 1n << BigInt(bits - prefix);
    const blockStart = (start / size) * size;
    if (blockStart + size - 1n >= end) return { family, start: blockStart, end: blockStart + size - 1n };
  }
  return { family, start: 0n, end: familyMax(family) };
}
