import { PROTOCOLS, type Protocol } from "./protocol.js";

/** `{ protocol, from, to }` with an inclusive port range: the JSON contract's unit of a port set. */
export interface PortRange {
  readonly protocol: Protocol;
  readonly from: number;
  readonly to: number;
}

const SPAN = 65536;
const offset = (protocol: Protocol): number => PROTOCOLS.indexOf(protocol) * SPAN;

/**
 * A set of (protocol, port) pairs. The three protocols are laid end to end on one number line
 * (TCP 0-65535, UDP 65536-131071, SCTP 131072-196607) so that every set operation is one
 * linear merge of sorted half-open intervals `[start, end)`, stored flat in `bounds`.
 * Instances are immutable.
 */
export class PortSet {
  static readonly EMPTY = new PortSet([]);
  static readonly ALL = new PortSet(PROTOCOLS.flatMap((p) => [offset(p) + 1, offset(p) + SPAN]));

  private constructor(private readonly bounds: readonly number[]) {}

  static range(protocol: Protocol, from: number, to: number): PortSet {
    if (to < from) return PortSet.EMPTY;
    return new PortSet([offset(protocol) + from, offset(protocol) + to + 1]);
  }

  static port(protocol: Protocol, port: number): PortSet {
    return PortSet.range(protocol, port, port);
  }

  static protocol(protocol: Protocol): PortSet {
    return PortSet.range(protocol, 1, SPAN - 1);
  }

  static fromRanges(ranges: readonly PortRange[]): PortSet {
    return PortSet.unionAll(ranges.map((r) => PortSet.range(r.protocol, r.from, r.to)));
  }

  static unionAll(sets: readonly PortSet[]): PortSet {
    let result = PortSet.EMPTY;
    for (const set of sets) result = result.union(set);
    return result;
  }

  isEmpty(): boolean {
    return this.bounds.length === 0;
  }

  isAll(): boolean {
    return this.equals(PortSet.ALL);
  }

  equals(other: PortSet): boolean {
    if (this === other) return true;
    if (this.bounds.length !== other.bounds.length) return false;
    return this.bounds.every((b, i) => b === other.bounds[i]);
  }

  union(other: PortSet): PortSet {
    if (other.isEmpty() || this === other) return this;
    if (this.isEmpty()) return other;
    return new PortSet(merge(this.bounds, other.bounds, (a, b) => a || b));
  }

  intersect(other: PortSet): PortSet {
    if (this.isEmpty() || other.isEmpty()) return PortSet.EMPTY;
    if (this === other) return this;
    return new PortSet(merge(this.bounds, other.bounds, (a, b) => a && b));
  }

  subtract(other: PortSet): PortSet {
    if (this.isEmpty() || other.isEmpty()) return this;
    return new PortSet(merge(this.bounds, other.bounds, (a, b) => a && !b));
  }

  contains(other: PortSet): boolean {
    return other.subtract(this).isEmpty();
  }

  /** Inclusive ranges per protocol, protocols in TCP, UDP, SCTP order. */
  ranges(): PortRange[] {
    const out: PortRange[] = [];
    for (let i = 0; i < this.bounds.length; i += 2) {
      let start = this.bounds[i] as number;
      const end = this.bounds[i + 1] as number;
      // An interval may run across a protocol boundary only in theory (port 0 is never in a set), but split anyway.
      while (start < end) {
        const p = Math.floor(start / SPAN);
        const stop = Math.min(end, (p + 1) * SPAN);
        out.push({ protocol: PROTOCOLS[p] as Protocol, from: start - p * SPAN, to: stop - 1 - p * SPAN });
        start = stop;
      }
    }
    return out;
  }

  /** A stable string, equal for equal sets: a cache key. */
  key(): string {
    return this.bounds.join(",");
  }

  /**
   * Human form, the one netpol-analyzer uses: `All Connections`, `No Connections`, or
   * `TCP 80,8080-8090,UDP 53` (protocols in alphabetical order).
   */
  toString(): string {
    if (this.isEmpty()) return "No Connections";
    if (this.isAll()) return "All Connections";
    const byProtocol = new Map<Protocol, string[]>();
    for (const r of this.ranges()) {
      const list = byProtocol.get(r.protocol) ?? [];
      list.push(r.from === r.to ? `${r.from}` : `${r.from}-${r.to}`);
      byProtocol.set(r.protocol, list);
    }
    return [...byProtocol.keys()]
      .sort()
      .map((p) => `${p} ${(byProtocol.get(p) as string[]).join(",")}`)
      .join(",");
  }
}

/** Sweeps the boundaries of two interval lists and keeps the stretches where `keep` holds. */
function merge(
  a: readonly number[],
  b: readonly number[],
  keep: (inA: boolean, inB: boolean) => boolean,
): number[] {
  const out: number[] = [];
  let i = 0;
  let j = 0;
  let inA = false;
  let inB = false;
  let open = false;
  while (i < a.length || j < b.length) {
    const nextA = i < a.length ? (a[i] as number) : Number.POSITIVE_INFINITY;
    const nextB = j < b.length ? (b[j] as number) : Number.POSITIVE_INFINITY;
    const at = Math.min(nextA, nextB);
    if (nextA === at) {
      inA = !inA;
      i++;
    }
    if (nextB === at) {
      inB = !inB;
      j++;
    }
    const now = keep(inA, inB);
    if (now !== open) {
      // Touching intervals coalesce: closing and reopening at the same point cancels out.
      if (out.length > 0 && out[out.length - 1] === at) out.pop();
      else out.push(at);
      open = now;
    }
  }
  return out;
}
