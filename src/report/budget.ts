/**
 * GitHub counts its limits (65,536 for a comment body, 65,535 for a check run's summary and
 * text) in characters. We measure UTF-8 bytes, which are never fewer than characters (nor than
 * UTF-16 code units), so an emoji or a zero-width joiner can never push a body over the limit.
 */
export function measure(text: string): number {
  return Buffer.byteLength(text, "utf8");
}

/**
 * Renders at the most detailed level that fits in `limit`, trying `levels` in order (each less
 * detailed than the one before), and `fallback` when none does. Whole renderings are compared,
 * never cut, so no table, code fence or `<details>` is ever left half-open.
 */
export function fitToLimit<Level>(
  limit: number,
  levels: readonly Level[],
  render: (level: Level) => string,
  fallback: () => string,
): string {
  for (const level of levels) {
    const text = render(level);
    if (measure(text) <= limit) return text;
  }
  const last = fallback();
  return measure(last) <= limit ? last : clipPlainText(last, limit);
}

/** Last resort for plain text without structure: whole lines up to the limit. */
function clipPlainText(text: string, limit: number): string {
  const lines = text.split("\n");
  const out: string[] = [];
  let size = 0;
  for (const line of lines) {
    // A newline separates this line from the previous one.
    const next = measure(line) + (out.length > 0 ? 1 : 0);
    if (size + next > limit) break;
    out.push(line);
    size += next;
  }
  return out.join("\n");
}

/** From `start`, halving down to a single item, then none: the caps a list shrinks through. */
export function shrinkingCaps(start: number): number[] {
  const caps: number[] = [];
  for (let n = start; n >= 1; n = Math.floor(n / 2)) caps.push(n);
  caps.push(0);
  return caps;
}
