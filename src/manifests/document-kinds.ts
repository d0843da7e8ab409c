import { CST, type LineCounter, Parser } from "yaml";

/** A document left out before composing, by its top-level `apiVersion` and `kind`. */
export interface UnreadDocument {
  readonly apiVersion: string;
  readonly kind: string;
}

export interface ReadDocumentsText {
  /** The text without the unread documents. */
  readonly text: string;
  readonly unread: readonly UnreadDocument[];
  /** Where documents were taken out: offsets in `text`, and how many lines were there. */
  readonly removed: readonly RemovedLines[];
}

interface RemovedLines {
  readonly offset: number;
  /** Lines removed up to and including this removal, in all. */
  readonly linesBefore: number;
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
 * Takes out the documents `isRead` refuses, so that the `yaml` package never parses them (most
 * bytes of a real tree are CustomResourceDefinitions the review never reads). A document is
 * left out only when its top-level `apiVersion` and `kind` are certain from its first lines:
 * plain or quoted strings, written once, without tags, anchors or aliases. Anything else, directives included, is kept and composed as before.
 * Every document but the first starts with its marker, so the rest stay separate documents;
 * `restoreRemovedLines` makes line numbers those of the original text again.
 */
export function readDocumentsOnly(
  text: string,
  isRead: (apiVersion: string, kind: string) => boolean,
): ReadDocumentsText {
  const starts = [0];
  for (const match of text.matchAll(DOCUMENT_MARKER)) if (match.index > 0) starts.push(match.index);
  starts.push(text.length);
  const parts: string[] = [];
  const unread: UnreadDocument[] = [];
  const removed: RemovedLines[] = [];
  let kept = 0;
  let linesRemoved = 0;
  for (let i = 0; i + 1 < starts.length; i++) {
    const chunk = text.slice(starts[i], starts[i + 1]);
    // Directives apply to the next document: a chunk holding some stays.
    const kind = chunk.includes("\n%") || chunk.startsWith("%") ? undefined : documentKind(chunk);
    if (kind === undefined || isRead(kind.apiVersion, kind.kind)) {
      parts.push(chunk);
      kept += chunk.length;
      continue;
    }
    unread.push(kind);
    linesRemoved += lineBreaks(chunk);
    removed.push({ offset: kept, linesBefore: linesRemoved });
  }
  return unread.length === 0 ? { text, unread, removed } : { text: parts.join(""), unread, removed };
}

/** Makes `counter` (of the text without unread documents) count the lines of the original text. */
export function restoreRemovedLines(counter: LineCounter, removed: readonly RemovedLines[]): void {
  if (removed.length === 0) return;
  const linePos = counter.linePos;
  counter.linePos = (offset) => {
    // The last removal before `offset`: text after it was that many lines further down. At a
    // removal's own offset is the end of the document before it (where "unexpected end"
    // errors point), so that removal does not count yet.
    let low = 0;
    let high = removed.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if ((removed[mid] as RemovedLines).offset < offset) low = mid + 1;
      else high = mid;
    }
    const pos = linePos(offset);
    return {
      line: pos.line + (low === 0 ? 0 : (removed[low - 1] as RemovedLines).linesBefore),
      col: pos.col,
    };
  };
}

function lineBreaks(chunk: string): number {
  let breaks = 0;
  for (let at = chunk.indexOf("\n"); at !== -1; at = chunk.indexOf("\n", at + 1)) breaks++;
  return breaks;
}

function documentKind(chunk: string): UnreadDocument | undefined {
  const simple = leadingKindLines(chunk);
  if (simple !== undefined) return simple;
  for (const size of KIND_SEARCH_CHARS) {
    const whole = chunk.length <= size;
    const found = topLevelKind(whole ? chunk : prefixOf(chunk, size), whole);
    if (found !== "unknown") return found;
    if (whole) return undefined;
  }
  return undefined;
}

// A comment needs a space before its `#` (`Config#Map` is one plain scalar).
const KIND_LINE = /^(apiVersion|kind):[ \t]+([A-Za-z][A-Za-z0-9._/-]*)(?:[ \t]+(?:#.*)?)?\r?$/;
const MARKER_LINE = /^(?:---|\.\.\.)(?:[ \t]+(?:#.*)?)?\r?$/;
const BLANK_OR_COMMENT = /^[ \t]*(?:#.*)?\r?$/;
const NEW_TOP_LEVEL_KEY = /^[A-Za-z_"']/;

/**
 * The common case without a parser (most documents start `apiVersion: x` / `kind: y`): the
 * first two lines of content are the two keys with plain values, and the next line starts
 * another top-level key. A line at column 0 cannot continue a top-level value (it would need
 * indentation), so both values are whole. Anything else: undefined, and the CST decides.
 */
function leadingKindLines(chunk: string): UnreadDocument | undefined {
  let at = 0;
  const nextLine = (): string | undefined => {
    if (at >= chunk.length) return undefined;
    const end = chunk.indexOf("\n", at);
    const line = chunk.slice(at, end === -1 ? chunk.length : end);
    at = end === -1 ? chunk.length : end + 1;
    return line;
  };
  let line = nextLine();
  if (line !== undefined && MARKER_LINE.test(line)) line = nextLine();
  while (line !== undefined && BLANK_OR_COMMENT.test(line)) line = nextLine();
  const first = line === undefined ? null : KIND_LINE.exec(line);
  const secondLine = nextLine();
  const second = secondLine === undefined ? null : KIND_LINE.exec(secondLine);
  if (!first || !second || first[1] === second[1]) return undefined;
  const after = nextLine();
  if (after !== undefined && !NEW_TOP_LEVEL_KEY.test(after)) return undefined;
  const values = { [first[1] as string]: first[2] as string, [second[1] as string]: second[2] as string };
  const apiVersion = values.apiVersion as string;
  const kind = values.kind as string;
  return NOT_A_STRING.test(apiVersion) || NOT_A_STRING.test(kind) ? undefined : { apiVersion, kind };
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
  if (item.explicitKey) return undefined;
  const key = scalarText(item.key ?? undefined, item.start);
  return key === undefined || (key.plain && key.text === "<<") ? undefined : key.text;
}

/** A value that is certainly a string: quoted, or a plain name YAML 1.1 reads as a string. */
function plainString(
  token: CST.Token | undefined,
  props: readonly CST.SourceToken[] | undefined,
): string | undefined {
  const value = scalarText(token, props ?? []);
  if (value === undefined) return undefined;
  return value.plain && (NOT_A_STRING.test(value.text) || !PLAIN_NAME.test(value.text))
    ? undefined
    : value.text;
}

/** A flow scalar without tags or anchors, resolved without error; else undefined. */
function scalarText(
  token: CST.Token | undefined,
  props: readonly CST.SourceToken[],
): { text: string; plain: boolean } | undefined {
  if (token === undefined || props.some((p) => p.type === "tag" || p.type === "anchor")) return undefined;
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
  return failed ? undefined : { text: scalar.value, plain: token.type === "scalar" };
}
