import { LineCounter, parseDocument } from "yaml";
import { z } from "zod";
import { type FieldPath, SourcePositions } from "../manifests/source-positions.js";
import { issueMessage, issuePath } from "../manifests/zod-issues.js";
import { CONFIG_PATH, type Config, configSchema } from "./schema.js";

/** A problem with the configuration file, as the user should read it: where, which key, why. */
export interface ConfigError {
  readonly file: string;
  readonly line: number;
  /** Dotted path of the offending key (`failOn.severity`); `null` for a YAML syntax error. */
  readonly key: string | null;
  readonly message: string;
}

export type ConfigResult =
  | { readonly ok: true; readonly config: Config }
  | { readonly ok: false; readonly errors: readonly ConfigError[] };

/** Beyond this, aliases multiply into more data than a config has ("billion laughs"). */
const MAX_ALIAS_COUNT = 100;
const MAX_ERRORS = 20;

/**
 * Reads `.github/netpol-review.yml`. An empty file is the default configuration; every YAML or
 * schema problem becomes a `ConfigError` naming the line and the key, never an exception.
 */
export function parseConfig(text: string, file: string = CONFIG_PATH): ConfigResult {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const lineAt = (offset: number): number => lineCounter.linePos(offset).line;
  if (doc.errors.length > 0) {
    return {
      ok: false,
      errors: doc.errors.slice(0, MAX_ERRORS).map((error) => ({
        file,
        line: lineAt(error.pos[0]),
        key: null,
        message: `YAML syntax error: ${firstLine(error.message)}`,
      })),
    };
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    return {
      ok: false,
      errors: [
        {
          file,
          line: 1,
          key: null,
          message: `YAML error: ${error instanceof Error ? error.message : String(error)}`,
        },
      ],
    };
  }
  // An empty file (or one with only comments) means "the defaults".
  if (value === null || value === undefined) value = {};
  const result = configSchema.safeParse(value, { reportInput: true });
  if (result.success) return { ok: true, config: result.data };
  const positions = new SourcePositions(doc, lineCounter, text);
  return {
    ok: false,
    errors: result.error.issues.slice(0, MAX_ERRORS).flatMap((issue) => {
      const path = issuePath(issue);
      if (issue.code === "unrecognized_keys") {
        // Reported on the parent mapping: one error per unknown key, pointing at the key itself.
        const known = knownKeys(path);
        return issue.keys.map((key) => ({
          file,
          line: positions.lineOf([...path, key]),
          key: keyName([...path, key]),
          message: `unknown key${known.length > 0 ? `; the keys here are ${known.join(", ")}` : ""} (names are case-sensitive)`,
        }));
      }
      return [
        {
          file,
          line: positions.lineOf(path),
          key: path.length === 0 ? null : keyName(path),
          message: reason(issue, positions.sourceText(path)),
        },
      ];
    }),
  };
}

/** Why the value is wrong, without the key (reported on its own). */
function reason(issue: z.core.$ZodIssue, written: string | undefined): string {
  if (issue.code === "invalid_value" && issue.values.length > 0) {
    const options = issue.values.map((v) => JSON.stringify(v)).join(", ");
    const got = typeof issue.input === "string" ? JSON.stringify(issue.input) : written;
    return `must be one of ${options}${got === undefined ? "" : `, not ${got}`}`;
  }
  if (issue.code === "invalid_format" && typeof issue.input === "string")
    return `${issue.message}, not ${JSON.stringify(issue.input)}`;
  if (issue.path.length === 0 && issue.code === "invalid_type")
    return "the configuration must be a mapping of keys";
  return issueMessage({ ...issue, path: [] }, () => written);
}

/** `failOn.protectedNamespaces[0]`, as the documentation writes keys. */
function keyName(path: FieldPath): string {
  return path.map((s, i) => (typeof s === "number" ? `[${s}]` : i === 0 ? s : `.${s}`)).join("");
}

/** The keys the schema allows in the mapping at `path`, for "unknown key" messages. */
function knownKeys(path: FieldPath): string[] {
  let schema: z.core.$ZodType | undefined = configSchema;
  for (const segment of path) {
    schema = unwrap(schema);
    if (schema instanceof z.ZodObject && typeof segment === "string")
      schema = schema.shape[segment] as z.core.$ZodType | undefined;
    else if (schema instanceof z.ZodArray && typeof segment === "number")
      schema = schema.element as z.core.$ZodType;
    else return [];
    if (schema === undefined) return [];
  }
  schema = unwrap(schema);
  return schema instanceof z.ZodObject ? Object.keys(schema.shape) : [];
}

function unwrap(schema: z.core.$ZodType): z.core.$ZodType {
  let current = schema;
  while (current instanceof z.ZodDefault || current instanceof z.ZodOptional)
    current = current.unwrap() as z.core.$ZodType;
  return current;
}

function firstLine(message: string): string {
  return message.split("\n")[0] ?? message;
}
