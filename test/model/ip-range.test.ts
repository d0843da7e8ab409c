import { describe, expect, it } from "vitest";
import { describeRange, formatAddress, rangeToCidrs, splitAddressSpace } from "../../src/model/ip-range.js";

describe("IP ranges", () => {
  it("formats IPv4 and compressed IPv6 addresses", () => {
    expect(formatAddress(4, 0x0a000001n)).toBe("10.0.0.1");
    expect(formatAddress(6, 0n)).toBe("::");
    expect(formatAddress(6, 0x20010db8n << 96n)).toBe("2001:db8::");
    expect(formatAddress(6, 1n)).toBe("::1");
  });

  it("covers a range with the fewest CIDR blocks", () => {
    expect(rangeToCidrs({ family: 4, start: 0n, end: 0xffffffffn })).toEqual(["0.0.0.0/0"]);
    expect(rangeToCidrs({ family: 4, start: 0n, end: 0x09ffffffn })).toEqual(["0.0.0.0/5", "8.0.0.0/7"]);
  });

  it("describes a range as one CIDR when it is one, else as first-last", () => {
    expect(describeRange({ family: 4, start: 0x0a000000n, end: 0x0affffffn })).toBe("10.0.0.0/8");
    expect(describeRange({ family: 4, start: 0n, end: 0x09ffffffn })).toBe("0.0.0.0-9.255.255.255");
  });

  it("splits each family's whole space into disjoint ranges at the boundaries", () => {
    const ranges = splitAddressSpace(
      new Map([
        [4, [0x0a000000n, 0x0b000000n]],
        [6, []],
      ]),
    );
    expect(ranges.map(describeRange)).toEqual([
      "0.0.0.0-9.255.255.255",
      "10.0.0.0/8",
      "11.0.0.0-255.255.255.255",
      "::/0",
    ]);
  });
});
