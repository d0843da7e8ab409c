import { quote } from "../quote.js";

const NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** Why `key` is not a valid label key (`[prefix/]name`), or undefined. */
export function labelKeyProblem(key: string): string | undefined {
  const parts = key.split("/");
  const name = parts.length === 2 ? (parts[1] ?? "") : key;
  const prefix = parts.length === 2 ? (parts[0] ?? "") : undefined;
  const bad = (why: string): string => `label key ${quote(key)} is not valid: ${why}`;
  if (parts.length > 2) return bad("it may contain at most one '/'");
  if (prefix !== undefined && (prefix.length > 253 || !DNS_SUBDOMAIN.test(prefix))) {
    return bad("the prefix before '/' must be a lowercase DNS name of at most 253 characters");
  }
  if (name.length === 0 || name.length > 63) return bad("the name must be 1 to 63 characters long");
  if (!NAME.test(name)) {
    return bad(
      "the name may contain only letters, digits, '-', '_' and '.', and must start and end with a letter or digit",
    );
  }
  return undefined;
}

/** Why `value` is not a valid label value (empty is valid), or undefined. */
export function labelValueProblem(value: string): string | undefined {
  const bad = (why: string): string => `label value ${quote(value)} is not valid: ${why}`;
  if (value.length > 63) return bad("it is longer than 63 characters");
  if (value !== "" && !NAME.test(value)) {
    return bad(
      "it may contain only letters, digits, '-', '_' and '.', and must start and end with a letter or digit",
    );
  }
  return undefined;
}
