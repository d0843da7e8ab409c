import { describe, expect, test } from "vitest";
import { parseCidr } from "../../src/manifests/cidr.js";

describe("parseCidr", () => {
  test("an IPv4 CIDR gives its first and last address as integers", () => {
    // 10.0.0.0 = 10 * 2^24 = 167772160; a /8 spans 2^24 addresses.
    expect(parseCidr("10.0.0.0/8")).toEqual({
      family: 4,
      text: "10.0.0.0/8",
      start: 167772160n,
      end: 184549375n,
    });
  });

  test("/32 is one address and /0 is the whole IPv4 space", () => {
    expect(parseCidr("192.168.1.7/32")).toMatchObject({ start: 3232235783n, end: 3232235783n });
    expect(parseCidr("0.0.0.0/0")).toMatchObject({ start: 0n, end: 2n ** 32n - 1n });
  });

  test("host bits are accepted and masked off, as Kubernetes accepts them in ipBlock", () => {
    expect(parseCidr("10.1.2.3/8")).toEqual({
      family: 4,
      text: "10.1.2.3/8",
      start: 167772160n,
      end: 184549375n,
    });
  });

  test("an IPv6 CIDR with :: compression", () => {
    // 2001:db8:: = 0x20010db8 << 96.
    const start = 0x20010db8n << 96n;
    expect(parseCidr("2001:db8::/32")).toEqual({
      family: 6,
      text: "2001:db8::/32",
      start,
      end: start + 2n ** 96n - 1n,
    });
  });

  test("IPv6 forms: all eight groups, :: alone, a trailing ::, and an embedded IPv4 address", () => {
    expect(parseCidr("2001:0db8:0000:0000:0000:0000:0000:0001/128")).toMatchObject({
      start: (0x20010db8n << 96n) + 1n,
    });
    expect(parseCidr("::/0")).toMatchObject({ family: 6, start: 0n, end: 2n ** 128n - 1n });
    expect(parseCidr("fe80::/10")).toMatchObject({ start: 0xfe80n << 112n });
    // ::ffff:1.2.3.4 is 0xffff followed by the 32 bits of 1.2.3.4.
    expect(parseCidr("::ffff:1.2.3.4/128")).toMatchObject({ family: 6, start: 0xffff01020304n });
  });

  test.each([
    ["10.0.0.1", "prefix length"],
    ["10.0.0/8", "not an IPv4 address"],
    ["10.0.0.256/8", "not an IPv4 address"],
    ["010.0.0.0/8", "not an IPv4 address"],
    ["10.0.0.0/33", "from 0 to 32"],
    ["10.0.0.0/", "from 0 to 32"],
    ["10.0.0.0/-1", "from 0 to 32"],
    ["2001:db8::/129", "from 0 to 128"],
    ["2001:db8:::1/64", "not an IPv6 address"],
    ["1::2::3/64", "not an IPv6 address"],
    ["1:2:3:4:5:6:7:8:9/64", "not an IPv6 address"],
    ["1:2:3:4:5:6:7:8::/64", "not an IPv6 address"],
    ["12345::/64", "not an IPv6 address"],
    ["1.2.3.4::/64", "not an IPv6 address"],
    ["fe80::1%eth0/64", "not an IPv6 address"],
    ["", "prefix length"],
  ])("%j is refused (%s)", (text, why) => {
    const result = parseCidr(text);
    expect(result).toHaveProperty("error");
    expect((result as { error: string }).error).toContain(why);
    expect((result as { error: string }).error).toContain(`${JSON.stringify(text)} is not a valid CIDR`);
  });

  test("a long value is shortened in the message", () => {
    const result = parseCidr(`${"9".repeat(500)}/8`) as { error: string };
    expect(result.error.length).toBeLessThan(250);
    expect(result.error).toContain("…");
  });
});
