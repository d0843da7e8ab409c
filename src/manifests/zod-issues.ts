import type { z } from "zod";
import { describeValue, quote, shorten } from "./quote.js";
import { isUnknownFieldIssue } from "./schemas/strict-object.js";
import type { FieldPath } from "./source-positions.js";

const EXPECTED: Readonly<Record<string, string>> = {
  string: "a string",
  number: "a number",
  boolean: "true or false",
  object: "a mapping",
  array: "a list",
};

/**
 * Turns a zod issue into one English sentence prefixed with the field, kubectl style:
 * `metadata.labels.version: must be a string, not the number 1.0; put it in quotes`.
 * `writtenAs` gives a scalar as it appears in the file (`1.0` rather than the decoded 1).
 */
export function issueMessage(
  issue: z.core.$ZodIssue,
  writtenAs: (path: FieldPath) => string | undefined,
): string {
  const path = issuePath(issue);
  const text = issueText(issue, writtenAs(path));
  // An unknown field is named in the text; the path shown is the object that holds it.
  const shown = isUnknownFieldIssue(issue) ? path.slice(0, -1) : path;
  return shown.length === 0 ? text : `${formatFieldPath(shown)}: ${text}`;
}

/** The issue's field path; zod allows symbols, which decoded YAML never has. */
export function issuePath(issue: z.core.$ZodIssue): FieldPath {
  return issue.path.filter((segment) => typeof segment !== "symbol");
}

function issueText(issue: z.core.$ZodIssue, written: string | undefined): string {
  if (issue.code !== "invalid_type") return issue.message;
  if (issue.input === undefined) return "is required but missing";
  const expected = EXPECTED[issue.expected] ?? issue.expected;
  const actual = issue.input;
  if (issue.expected === "string" && (typeof actual === "number" || typeof actual === "boolean")) {
    const shown = shorten(written ?? String(actual));
    // YAML 1.1 reads `yes` and `on` as booleans: say so, or the message looks wrong.
    const what =
      typeof actual === "number"
        ? `the number ${shown}`
        : shown === String(actual)
          ? `the boolean ${shown}`
          : `${shown} (read as the boolean ${actual})`;
    return `must be a string, not ${what}; put it in quotes`;
  }
  return `must be ${expected}, not ${describeValue(actual)}`;
}

/** `spec.ingress[0].ports[1].port`; keys that are not plain words in brackets: `labels["app.kubernetes.io/name"]`. */
function formatFieldPath(path: FieldPath): string {
  let out = "";
  for (const segment of path) {
    if (typeof segment === "number") out += `[${segment}]`;
    else if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(segment)) out += out === "" ? segment : `.${segment}`;
    else out += `[${quote(segment)}]`;
  }
  return out;
}
