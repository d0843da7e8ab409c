import { describe, expect, it } from "vitest";
import { PortSet } from "../../src/model/port-set.js";

describe("PortSet", () => {
  it("ALL is every port 1-65535 of TCP, UDP and SCTP", () => {
    expect(PortSet.ALL.ranges()).toEqual([
      { protocol: "TCP", from: 1, to: 65535 },
      { protocol: "UDP", from: 1, to: 65535 },
      { protocol: "SCTP", from: 1, to: 65535 },
    ]);
    expect(PortSet.ALL.toString()).toBe("All Connections");
  });

  it("keeps protocols apart: TCP 53 and UDP 53 are different members", () => {
    const tcp = PortSet.port("TCP", 53);
    const udp = PortSet.port("UDP", 53);
    expect(tcp.intersect(udp).isEmpty()).toBe(true);
    expect(tcp.union(udp).toString()).toBe("TCP 53,UDP 53");
  });

  it("merges touching and overlapping ranges", () => {
    const set = PortSet.range("TCP", 80, 89)
      .union(PortSet.range("TCP", 90, 100))
      .union(PortSet.port("TCP", 95));
    expect(set.ranges()).toEqual([{ protocol: "TCP", from: 80, to: 100 }]);
  });

  it("subtracts to the part of one set not in the other", () => {
    const set = PortSet.protocol("TCP").subtract(PortSet.port("TCP", 80));
    expect(set.toString()).toBe("TCP 1-79,81-65535");
    expect(PortSet.ALL.subtract(PortSet.ALL).isEmpty()).toBe(true);
  });

  it("prints protocols in alphabetical order, as netpol-analyzer does", () => {
    const set = PortSet.ALL.subtract(PortSet.port("TCP", 80));
    expect(set.toString()).toBe("SCTP 1-65535,TCP 1-79,81-65535,UDP 1-65535");
  });

  it("compares by content and gives equal sets equal keys", () => {
    const a = PortSet.range("UDP", 1, 10);
    const b = PortSet.port("UDP", 1).union(PortSet.range("UDP", 2, 10));
    expect(a.equals(b)).toBe(true);
    expect(a.key()).toBe(b.key());
    expect(a.equals(PortSet.range("UDP", 1, 9))).toBe(false);
  });

  it("round-trips the JSON contract's ranges", () => {
    const ranges = [
      { protocol: "TCP" as const, from: 443, to: 443 },
      { protocol: "SCTP" as const, from: 10, to: 20 },
    ];
    expect(PortSet.fromRanges(ranges).ranges()).toEqual([ranges[0], ranges[1]]);
  });

  it("an empty range (endPort below port) is empty", () => {
    expect(PortSet.range("TCP", 10, 9).isEmpty()).toBe(true);
    expect(PortSet.EMPTY.toString()).toBe("No Connections");
  });

  it("contains another set only when it covers all of it", () => {
    expect(PortSet.protocol("TCP").contains(PortSet.range("TCP", 1, 100))).toBe(true);
    expect(PortSet.protocol("TCP").contains(PortSet.port("UDP", 1))).toBe(false);
  });
});
