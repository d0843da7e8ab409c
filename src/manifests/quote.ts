const MAX_QUOTED_CHARS = 80;

/**
 * Quotes a manifest-supplied value for a message, shortened so that a huge value cannot
 * flood a PR comment or a terminal.
 */
export function quote(value: string): string {
  const json = JSON.stringify(value);
  return json.length <= MAX_QUOTED_CHARS ? json : `${json.slice(0, MAX_QUOTED_CHARS - 2)}…"`;
}

/** A manifest-supplied name shown unquoted (object names), shortened like `quote`. */
export function shorten(value: string): string {
  return value.length <= MAX_QUOTED_CHARS ? value : `${value.slice(0, MAX_QUOTED_CHARS - 1)}…`;
}

/** Any decoded YAML value in a few words, for messages. */
export function describeValue(value: unknown): string {
  if (value === null || value === undefined) return "empty";
  if (typeof value === "string") return quote(value);
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (Array.isArray(value)) return "a list";
  return "a mapping";
}
