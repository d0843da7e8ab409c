import type { Cidr, IpFamily } from "../model/cidr.js";
import { quote } from "./quote.js";

const DECIMAL = /^(0|[1-9][0-9]*)$/;
const HEX_GROUP = /^[0-9a-fA-F]{1,4}$/;

/**
 * Parses `address/prefix` as Kubernetes does for `ipBlock`: IPv4 or IPv6, host bits allowed and
 * masked off. Leading zeros are refused because older parsers read `010` as octal, so the meaning
 * of such a value depends on who reads it.
 */
export function parseCidr(text: string): Cidr | { error: string } {
  const fail = (why: string): { error: string } => ({ error: `${quote(text)} is not a valid CIDR: ${why}` });
  const slash = text.indexOf("/");
  if (slash < 0) return fail("the prefix length (like /24) is missing");
  const addressText = text.slice(0, slash);
  const prefixText = text.slice(slash + 1);
  const family: IpFamily = addressText.includes(":") ? 6 : 4;
  const address = family === 4 ? parseIpv4(addressText) : parseIpv6(addressText);
  if (address === undefined) return fail(`${quote(addressText)} is not an IPv${family} address`);
  const bits = family === 4 ? 32 : 128;
  if (!DECIMAL.test(prefixText) || Number(prefixText) > bits) {
    return fail(`the prefix length must be a number from 0 to ${bits}`);
  }
  const hostMask = (1n << BigInt(bits - Number(prefixText))) - 1n;
  const start = address & ~hostMask;
  return { family, text, start, end: start | hostMask };
}

function parseIpv4(text: string): bigint | undefined {
  const parts = text.split(".");
  if (parts.length !== 4) return undefined;
  let value = 0n;
  for (const part of parts) {
    if (!DECIMAL.test(part) || Number(part) > 255) return undefined;
    value = (value << 8n) | BigInt(part);
  }
  return value;
}

function parseIpv6(text: string): bigint | undefined {
  const halves = text.split("::");
  if (halves.length > 2) return undefined;
  const compressed = halves.length === 2;
  const head = parseGroups(halves[0] ?? "", !compressed);
  const tail = compressed ? parseGroups(halves[1] ?? "", true) : [];
  if (head === undefined || tail === undefined) return undefined;
  // `::` stands for at least one group of zeros.
  const missing = compressed ? 8 - head.length - tail.length : 0;
  if (compressed && missing < 1) return undefined;
  const groups = [...head, ...new Array<bigint>(missing).fill(0n), ...tail];
  if (groups.length !== 8) return undefined;
  return groups.reduce((acc, group) => (acc << 16n) | group, 0n);
}

/** Hex groups separated by `:`; the last group of the address may be a dotted IPv4 address. */
function parseGroups(text: string, mayEndWithIpv4: boolean): bigint[] | undefined {
  if (text === "") return [];
  const parts = text.split(":");
  const groups: bigint[] = [];
  for (const [i, part] of parts.entries()) {
    const isLast = i === parts.length - 1;
    if (mayEndWithIpv4 && isLast && part.includes(".")) {
      const v4 = parseIpv4(part);
      if (v4 === undefined) return undefined;
      groups.push(v4 >> 16n, v4 & 0xffffn);
    } else if (HEX_GROUP.test(part)) {
      groups.push(BigInt(`0x${part}`));
    } else {
      return undefined;
    }
  }
  return groups;
}
