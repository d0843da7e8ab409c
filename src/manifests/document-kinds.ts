import { CST, Parser } from "yaml";

/** A document left out before composing, by its top-level `apiVersion` and `kind`. */
export interface UnreadDocument {
  readonly apiVersion: string;
  readonly kind: string;
}

export interface MaskedText {
  /** The text with every unread document reduced to its line breaks: same lines, far fewer bytes. */
  readonly text: string;
  readonly unread: readonly UnreadDocument[];
}

// A line starting with `---` or `...` and then a space or the end of the line ends a document
// wherever it is, even inside a block or quoted scalar (YAML 1.2 "c-forbidden"; the `yaml`
// package splits there too), so documents are found without parsing.
const DOCUMENT_MARKER = /^(?:---|\.\.\.)(?=[ \t\r\n]|$)/gm;

/** The kind is nearly always in the first lines; past this, the document is composed to find it. */
const KIND_SEARCH_CHARS = [512, 4096] as const;

// YAML 1.1 reads these plain scalars as booleans or null, not strings: such a kind is decided by composing.
const NOT_A_STRING = /^(?:y|yes|n|no|true|false|on|off|null|~)$/i;
const PLAIN_NAME = /^[A-Za-z][A-Za-z0-9._/-]*$/;

/**
 * Reduces the documents `isRead` refuses to line breaks, so that the `yaml` package never
 * composes them (most bytes of a real tree are CustomResourceDefinitions the review never
 * reads). A document is left out only when its top-level `apiVersion` and `kind` are certain
 * from the CST of its first lines: plain or quoted strings, written once, without tags,
 * anchors or aliases. Anything else, directives included, is kept and composed as before.
 * Line numbers do not change, so every position found later in the text is exact.
 */
export function maskUnreadDocuments(
  text: string,
  isRead: (apiVersion: string, kind: string) => boolean,
): MaskedText {
  const starts = [0];
  for (const match of text.matchAll(DOCUMENT_MARKER)) if (match.index > 0) starts.push(match.index);
  starts.push(text.length);
  const parts: string[] = [];
  const unread: UnreadDocument[] = [];
  for (let i = 0; i + 1 < starts.length; i++) {
    const chunk = text.slice(starts[i], starts[i + 1]);
    const kind = chunk.includes("\n%") || chunk.startsWith("%") ? undefined : documentKind(chunk);
    if (kind === undefined || isRead(kind.apiVersion, kind.kind)) {
      parts.push(chunk);
      continue;
    }
    unread.push(kind);
    parts.push(lineBreaksOf(chunk));
  }
  return unread.length === 0 ? { text, unread } : { text: parts.join(""), unread };
}

/** The chunk's marker (a document stays a document), then only its line breaks. */
function lineBreaksOf(chunk: string): string {
  const marker = /^(?:---|\.\.\.)(?=[ \t\r\n]|$)/.exec(chunk)?.[0] ?? "";
  let breaks = 0;
  for (let at = chunk.indexOf("\n"); at !== -1; at = chunk.indexOf("\n", at + 1)) breaks++;
  return marker + "\n".repeat(breaks);
}

function documentKind(chunk: string): UnreadDocument | undefined {
  for (const size of KIND_SEARCH_CHARS) {
    const whole = chunk.length <= size;
    const found = topLevelKind(whole ? chunk : prefixOf(chunk, size), whole);
    if (found !== "unknown") return found;
    if (whole) return undefined;
  }
  return undefined;
}

/** The first `size` characters, up to the end of their last line. */
function prefixOf(chunk: string, size: number): string {
  const end = chunk.indexOf("\n", size);
  return end === -1 ? chunk : chunk.slice(0, end + 1);
}

/**
 * `apiVersion` and `kind` from the top-level block mapping of the first document of `source`;
 * "unknown" when a longer prefix could still tell; undefined when composing must decide.
 * In a prefix, the last item may continue past the cut, so only the items before it count.
 */
function topLevelKind(source: string, whole: boolean): UnreadDocument | undefined | "unknown" {
  let document: CST.Document | undefined;
  for (const token of new Parser().parse(source)) {
    if (token.type === "document") {
      document = token;
      break;
    }
  }
  const map = document?.value;
  if (map === undefined || map.type !== "block-map") return whole ? undefined : "unknown";
  const items = whole ? map.items : map.items.slice(0, -1);
  const found: Partial<Record<"apiVersion" | "kind", string>> = {};
  for (const item of items) {
    const key = keyText(item);
    if (key === undefined) return undefined;
    if (key !== "apiVersion" && key !== "kind") continue;
    const value = plainString(item.value, item.sep);
    if (value === undefined || found[key] !== undefined) return undefined;
    found[key] = value;
  }
  const { apiVersion, kind } = found;
  if (apiVersion !== undefined && kind !== undefined) return { apiVersion, kind };
  return whole ? undefined : "unknown";
}

/**
 * A key as written, when nothing can turn it into another key: undefined for explicit (`?`),
 * alias, tagged or anchored keys, and for the YAML 1.1 merge key `<<`, which can bring in any key.
 */
function keyText(item: CST.BlockMap["items"][number]): string | undefined {
  const { key } = item;
  if (item.explicitKey || key === undefined || key === null) return undefined;
  if (item.start.some((p) => p.type === "tag" || p.type === "anchor")) return undefined;
  if (key.type !== "scalar" && key.type !== "single-quoted-scalar" && key.type !== "double-quoted-scalar")
    return undefined;
  const text = CST.resolveAsScalar(key)?.value;
  return text === undefined || (key.type === "scalar" && text === "<<") ? undefined : text;
}

/** A scalar that is certainly a string, without tags, anchors or aliases; else undefined. */
function plainString(
  token: CST.Token | undefined,
  props: readonly CST.SourceToken[] | undefined,
): string | undefined {
  if (token === undefined) return undefined;
  if (props?.some((p) => p.type === "tag" || p.type === "anchor")) return undefined;
  if (
    token.type !== "scalar" &&
    token.type !== "single-quoted-scalar" &&
    token.type !== "double-quoted-scalar"
  )
    return undefined;
  let failed = false;
  const scalar = CST.resolveAsScalar(token, true, () => {
    failed = true;
  });
  if (failed || scalar === null) return undefined;
  if (token.type === "scalar" && (NOT_A_STRING.test(scalar.value) || !PLAIN_NAME.test(scalar.value)))
    return undefined;
  return scalar.value;
}
