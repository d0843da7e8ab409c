import { quote } from "../quote.js";

/** Why `value` cannot be a port number (1-65535), or undefined when it can. */
export function portNumberProblem(value: number, what = "port"): string | undefined {
  if (!Number.isInteger(value)) return `${what} ${value} is not a whole number`;
  if (value < 1 || value > 65535) return `${what} ${value} is out of range 1-65535`;
  return undefined;
}

/**
 * Why `name` is not a valid port name (an IANA_SVC_NAME, as Kubernetes requires), or undefined.
 * Digits-only names are refused so that a quoted number is never mistaken for a name.
 */
export function portNameProblem(name: string): string | undefined {
  const why = portNameRuleBroken(name);
  return why === undefined ? undefined : `port name ${quote(name)} is not valid: ${why}`;
}

function portNameRuleBroken(name: string): string | undefined {
  if (name.length === 0) return "it is empty";
  if (name.length > 15) return "it is longer than 15 characters";
  if (!/^[-a-z0-9]+$/.test(name)) return "only lowercase letters, digits and '-' are allowed";
  if (!/[a-z]/.test(name)) return "it must contain at least one letter (a number must not be quoted)";
  if (name.includes("--")) return "it must not contain '--'";
  if (name.startsWith("-") || name.endsWith("-")) return "it must not begin or end with '-'";
  return undefined;
}
