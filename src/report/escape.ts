/**
 * Escaping for every string that comes from a manifest (names, labels, selector text, annotation
 * values, file paths, messages that quote them) before it lands in Markdown, HTML, Mermaid or a
 * terminal. All functions are total: any input yields output that cannot break out of its context,
 * cannot ping anyone and cannot span lines.
 */

/** U+200D ZERO WIDTH JOINER: invisible, and enough to stop GitHub linking `@name` or `#123`. */
const JOINER = "\u200d";

/** Characters that end a line somewhere (CommonMark, HTML, JavaScript, terminals). */
const LINE_BREAKS = new Set([0x0a, 0x0b, 0x0c, 0x0d, 0x85, 0x2028, 0x2029]);

/** Control characters and bidirectional overrides ("Trojan Source"): dropped. */
function isInvisibleControl(code: number): boolean {
  return (
    code < 0x20 ||
    (code >= 0x7f && code <= 0x9f) ||
    code === 0x200e ||
    code === 0x200f ||
    (code >= 0x202a && code <= 0x202e) ||
    (code >= 0x2066 && code <= 0x2069)
  );
}

/** One line of plain text: line breaks and tabs become spaces; other control characters go. */
export function singleLine(text: string): string {
  let out = "";
  for (const ch of text) {
    const code = ch.codePointAt(0) as number;
    if (LINE_BREAKS.has(code) || code === 0x09) out += " ";
    else if (!isInvisibleControl(code)) out += ch;
  }
  return out;
}

/** At most `max` characters (code points), ending with `…` when shortened. Apply before escaping. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  // Walk code points only as far as needed: values can be megabytes long.
  let index = 0;
  let cut = 0;
  for (let n = 0; index < text.length; n++) {
    if (n === max - 1) cut = index;
    if (n === max) return `${text.slice(0, cut)}…`;
    index += (text.codePointAt(index) as number) > 0xffff ? 2 : 1;
  }
  return text;
}

/**
 * Stops GitHub from turning text into a notification or a cross-reference: `@user`, `@org/team`
 * and `#123` get an invisible joiner after the `@` / `#`, so they read the same and link nothing.
 */
export function neutralizeMentions(text: string): string {
  return text.replace(/@/g, `@${JOINER}`).replace(/#(?=\d)/g, `#${JOINER}`);
}

const HTML_ENTITIES: Readonly<Record<string, string>> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/**
 * Text for an HTML context where Markdown is not parsed (a `<summary>` line, an attribute):
 * one line, entities for `& < > " '`, mentions neutralised.
 */
export function escapeHtml(text: string): string {
  // Mentions first: the joiner must not land inside an entity such as `&#39;`.
  return neutralizeMentions(singleLine(text)).replace(/[&<>"']/g, (c) => HTML_ENTITIES[c] as string);
}

/**
 * ASCII punctuation that opens or closes Markdown/GFM syntax in the middle of a line: escapes,
 * code, emphasis, links and images (`[`/`]`: without them, `(` and `!` mean nothing), table
 * cells, strikethrough and math. `<`, `>`, `&` become entities instead. Values never start a
 * line, so line-start syntax (`#`, `-`, `>`, `1.`) cannot occur.
 */
const MARKDOWN_PUNCTUATION = new Set(["\\", "`", "*", "_", "[", "]", "|", "~", "$"]);

/**
 * What GitHub turns into a link inside a run of text: cmark-gfm's autolink extension links
 * `www.` domains, `http://` / `https://` / `ftp://` URLs (any letters before `://` are read as
 * the scheme), email addresses and `mailto:` / `xmpp:` addresses; GitHub itself links `@user`
 * mentions and `#123` references. Bare domains (`acme.example`) are not autolinks in GFM.
 */
const LINKABLE = /www\.|:\/\/|@|mailto:|xmpp:|#\d/i;

/**
 * Where a run of text ends for `LINKABLE`: whitespace (an autolink never spans it), and the
 * characters kept out of code spans (a pipe must stay escaped in a table row, a backtick would
 * end the span, an autolink stops at `<`).
 */
const RUN_BREAK = /([\s|`<]+)/;

/**
 * Inline Markdown text (a paragraph, a list item, a table cell, a heading): one line, HTML
 * metacharacters as entities (so `</details>`, `<!--` and `-->` stay text), Markdown syntax
 * backslash-escaped (pipes included, so table rows stay intact). A run of text GitHub would
 * link (`LINKABLE`: a URL, `www.`, an email, a mention, `#123`) is shown as a code span
 * instead, the only form in which cmark-gfm links nothing: an invisible character after `www.`
 * or `://` would only become part of the link, and would end up in what users copy.
 */
export function escapeMarkdown(text: string): string {
  return singleLine(text)
    .split(RUN_BREAK)
    .map((run, i) => (i % 2 === 0 ? escapeRun(run) : escapeCharacters(run)))
    .join("");
}

/** Quotes, brackets and sentence punctuation around a run stay outside its code span. */
const AROUND_RUN = /^(["'([{]*)(.*?)([.,:;!?"')\]}]*)$/;

function escapeRun(run: string): string {
  const [, before = "", core = "", after = ""] = AROUND_RUN.exec(run) ?? [];
  if (!LINKABLE.test(core)) return escapeCharacters(run);
  return `${escapeCharacters(before)}${markdownCode(core)}${escapeCharacters(after)}`;
}

function escapeCharacters(text: string): string {
  let out = "";
  for (const ch of text) {
    if (ch === "&" || ch === "<" || ch === ">") out += HTML_ENTITIES[ch];
    else if (MARKDOWN_PUNCTUATION.has(ch)) out += `\\${ch}`;
    else out += ch;
  }
  return out;
}

/**
 * A code span showing `text` literally (GitHub neither renders HTML nor links mentions inside
 * code). The fence is one backtick longer than any run inside. In a table cell, pipes must be
 * written `\|` (GFM splits cells before parsing code spans) — pass `inTable`.
 */
export function markdownCode(text: string, inTable = false): string {
  let content = singleLine(text);
  if (content === "") return "` `";
  if (inTable) content = content.replace(/\|/g, "\\|");
  const longestRun = Math.max(0, ...(content.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(longestRun + 1);
  const pad = content.startsWith("`") || content.endsWith("`") || /^ .* $/.test(content) ? " " : "";
  return `${fence}${pad}${content}${pad}${fence}`;
}

/** Only web links: anything else (javascript:, data:) is shown as text. */
const SAFE_URL = /^https?:\/\/./i;

/**
 * `[text](url)` with `text` escaped and the URL percent-encoded where Markdown would end it;
 * just the text when the URL is not an http(s) URL.
 */
export function markdownLink(textMarkdown: string, url: string | undefined): string {
  if (url === undefined || !SAFE_URL.test(url)) return textMarkdown;
  const href = url.replace(/[^A-Za-z0-9\-._~:/?#@!$&'*+,;=%]/g, (c) =>
    [...new TextEncoder().encode(c)].map((b) => `%${b.toString(16).toUpperCase().padStart(2, "0")}`).join(""),
  );
  return `[${textMarkdown}](${href})`;
}

/** Characters kept as they are inside a quoted Mermaid label; everything else becomes `#code;`. */
const MERMAID_SAFE = /[A-Za-z0-9 /.,:_=+-]/;

/**
 * Text for a quoted Mermaid label (`id["…"]`, `-->|"…"|`): one line, and every character that
 * Mermaid, HTML or Markdown-in-Mermaid could read as syntax (quotes, brackets, `;`, `-->`'s `>`,
 * backticks, `#`, `<`, `&`, `@`…) written as a Mermaid entity code: `#quot;` or `#NNN;`.
 */
export function escapeMermaidLabel(text: string): string {
  let out = "";
  for (const ch of singleLine(text)) {
    if (ch === '"') out += "#quot;";
    else if (MERMAID_SAFE.test(ch)) out += ch;
    else out += `#${ch.codePointAt(0)};`;
  }
  return out;
}

/** Plain text for a terminal: one line, no control characters (no ANSI escape injection). */
export function escapeTerminal(text: string): string {
  return singleLine(text);
}
