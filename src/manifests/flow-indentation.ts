/**
 * kubectl's YAML parser (go-yaml, a port of libyaml) ignores indentation inside flow collections
 * (`[...]`, `{...}`) and multi-line quoted strings, and accepts tabs there; the `yaml` package
 * follows the YAML spec and rejects both. This indents such continuation lines past the node
 * that opened them. Whitespace at the start of those lines carries no meaning (it separates flow
 * items, or is folded away in quoted strings), and no line is added or removed, so every value
 * and line number stays the same. Returns undefined when no line needed it.
 *
 * It is a small scanner, not a YAML parser: the caller only uses its output when the original
 * text failed to parse and the output parses without any error.
 */
export function indentFlowContinuations(text: string): string | undefined {
  const lines = text.split("\n");
  const state: ScanState = { flowDepth: 0, quote: undefined, blockScalar: false };
  let blockScalarParent: number | undefined;
  let nodeIndent = 0;
  let changed = false;
  for (const [index, line] of lines.entries()) {
    const leading = /^[ \t]*/.exec(line)?.[0] ?? "";
    if (blockScalarParent !== undefined) {
      if (line.trim() === "" || (!leading.includes("\t") && leading.length > blockScalarParent)) continue;
      blockScalarParent = undefined;
    }
    const continuing = state.flowDepth > 0 || state.quote !== undefined;
    if (continuing) {
      // A document marker ends the document for go-yaml as well: a real error, left alone.
      if (/^(---|\.\.\.)(\s|$)/.test(line)) return undefined;
      if (leading.includes("\t") || leading.length <= nodeIndent) {
        lines[index] = " ".repeat(nodeIndent + 2) + line.slice(leading.length);
        changed = true;
      }
    } else {
      // Where the line's node starts, after any `- ` sequence indicators.
      nodeIndent = /^[ \t]*(- +)*/.exec(line)?.[0].length ?? 0;
    }
    state.blockScalar = false;
    scanLine(line.slice(leading.length), continuing, state);
    if (state.blockScalar) blockScalarParent = leading.length;
  }
  return changed ? lines.join("\n") : undefined;
}

interface ScanState {
  flowDepth: number;
  quote: "'" | '"' | undefined;
  /** Set when the line ends with a `|` or `>` block scalar header. */
  blockScalar: boolean;
}

function scanLine(line: string, continuing: boolean, state: ScanState): void {
  // The last significant character before the current one, and whether whitespace followed it.
  let previous = continuing ? "," : "";
  let spaced = true;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i] as string;
    if (state.quote === "'") {
      if (ch === "'" && line[i + 1] === "'") i++;
      else if (ch === "'") state.quote = undefined;
      previous = ch;
      continue;
    }
    if (state.quote === '"') {
      if (ch === "\\") i++;
      else if (ch === '"') state.quote = undefined;
      previous = ch;
      continue;
    }
    if (ch === " " || ch === "\t" || ch === "\r") {
      spaced = true;
      continue;
    }
    if (ch === "#" && spaced) return;
    const inFlow = state.flowDepth > 0;
    const atNodeStart =
      previous === "" || (inFlow && "[{,:".includes(previous)) || (spaced && ":-?".includes(previous));
    if ((ch === "[" || ch === "{") && (inFlow || atNodeStart)) state.flowDepth++;
    else if ((ch === "]" || ch === "}") && inFlow) state.flowDepth--;
    else if ((ch === "'" || ch === '"') && atNodeStart) state.quote = ch;
    else if ((ch === "|" || ch === ">") && atNodeStart && !inFlow) {
      state.blockScalar = /^[|>][-+0-9]*\s*(#.*)?$/.test(line.slice(i));
      if (state.blockScalar) return;
    }
    previous = ch;
    spaced = false;
  }
}
