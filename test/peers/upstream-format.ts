import type { IpRange } from "../../src/model/ip-range.js";
import { PortSet } from "../../src/model/port-set.js";
import { isProtocol, type Protocol } from "../../src/model/protocol.js";

/** One line of netpol-analyzer's `list` txt output. */
export interface UpstreamLine {
  readonly src: string;
  readonly dst: string;
  readonly ports: PortSet;
}

/** `src => dst : conn`, one per line; see ../shared/peers/netpol-analyzer/SOURCE.md. */
export function parseUpstreamList(text: string): UpstreamLine[] {
  return text
    .split(/\r?\n/)
    .filter((line) => line.includes(" => "))
    .map((line) => {
      const [pair, conn] = splitOnce(line, " : ");
      const [src, dst] = splitOnce(pair, " => ");
      return { src: src.trim(), dst: dst.trim(), ports: parseConn(conn.trim()) };
    });
}

function splitOnce(text: string, separator: string): [string, string] {
  const at = text.indexOf(separator);
  if (at < 0) throw new Error(`no "${separator}" in: ${text}`);
  return [text.slice(0, at), text.slice(at + separator.length)];
}

/** `All Connections`, `No Connections`, or `SCTP 1-65535,TCP 1-79,81-65535,UDP 53`. */
export function parseConn(conn: string): PortSet {
  if (conn === "All Connections") return PortSet.ALL;
  if (conn === "No Connections") return PortSet.EMPTY;
  let protocol: Protocol | undefined;
  let set = PortSet.EMPTY;
  for (const token of conn.split(",")) {
    let ports = token.trim();
    const [first, rest] = ports.split(/\s+/, 2);
    if (isProtocol(first)) {
      protocol = first;
      ports = rest ?? "";
    }
    if (!protocol) throw new Error(`no protocol before ${token} in ${conn}`);
    if (ports === "") {
      set = set.union(PortSet.protocol(protocol));
      continue;
    }
    const [from, to] = ports.split("-").map(Number) as [number, number | undefined];
    if (!Number.isInteger(from)) throw new Error(`named port ${ports} in ${conn}`);
    set = set.union(PortSet.range(protocol, from, to ?? from));
  }
  return set;
}

/** `10.0.0.0-10.255.255.255,11.0.0.0-11.0.0.1[External]` → IPv4 ranges; `null` for a non-IP name. */
export function parseExternal(name: string): IpRange[] | null {
  const match = /^(.*)\[External\]$/.exec(name);
  if (!match) return null;
  return (match[1] as string).split(",").map((part) => {
    const [from, to] = part.split("-") as [string, string | undefined];
    return { family: 4, start: ipv4(from), end: ipv4(to ?? from) };
  });
}

function ipv4(text: string): bigint {
  const parts = text.split(".").map(Number);
  if (parts.length !== 4 || parts.some((p) => !Number.isInteger(p) || p < 0 || p > 255)) {
    throw new Error(`not an IPv4 address: ${text}`);
  }
  return parts.reduce((acc, p) => (acc << 8n) | BigInt(p), 0n);
}
