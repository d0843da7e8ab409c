import type { Code, Html, Nodes, Root, Table, Text } from "mdast";
import { fromMarkdown } from "mdast-util-from-markdown";
import { gfmFromMarkdown } from "mdast-util-gfm";
import { gfm } from "micromark-extension-gfm";

/** GitHub-flavoured Markdown as GitHub parses it (micromark follows the GFM spec). */
export function parseMarkdown(markdown: string): Root {
  return fromMarkdown(markdown, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] });
}

function walk(
  node: Nodes,
  visit: (node: Nodes, parents: readonly Nodes[]) => void,
  parents: Nodes[] = [],
): void {
  visit(node, parents);
  if ("children" in node) for (const child of node.children) walk(child as Nodes, visit, [...parents, node]);
}

export function nodesOf<T extends Nodes["type"]>(root: Root, type: T): Extract<Nodes, { type: T }>[] {
  const out: Extract<Nodes, { type: T }>[] = [];
  walk(root, (node) => {
    if (node.type === type) out.push(node as Extract<Nodes, { type: T }>);
  });
  return out;
}

/** The only HTML the renderers write themselves. */
const OWN_HTML = [
  "<!-- netpol-review -->",
  "<details open>",
  "<details>",
  "</details>",
  "<summary>",
  "</summary>",
  "<br>",
];

/**
 * Everything that would make a rendered report broken or unsafe on GitHub, as readable
 * messages (an empty list means the Markdown is sound):
 * - HTML other than our own tags (so none came from a manifest);
 * - `<details>` opened and closed out of order;
 * - a code fence left open;
 * - a table row whose cell count differs from its header's;
 * - a live `@mention` or `#123` reference in text GitHub would link;
 * - a live link we did not write as `[text](url)`: an autolink (`liveAutolinks`).
 */
export function markdownProblems(markdown: string): string[] {
  const problems: string[] = [];
  const root = parseMarkdown(markdown);

  let depth = 0;
  for (const html of nodesOf(root, "html") as Html[]) {
    let rest = html.value;
    for (const tag of html.value.match(/<\/?details(?: open)?>/g) ?? []) {
      depth += tag === "</details>" ? -1 : 1;
      if (depth < 0) problems.push("</details> without <details>");
    }
    for (const tag of OWN_HTML) rest = rest.split(tag).join("");
    if (/[<>]/.test(rest)) problems.push(`foreign HTML: ${JSON.stringify(html.value)}`);
  }
  if (depth !== 0) problems.push(`${depth} <details> left open`);

  const fenceLines = markdown.split("\n").filter((line) => /^\s*(`{3,}|~{3,})/.test(line));
  if (fenceLines.length % 2 !== 0) problems.push("a code fence is left open");

  for (const table of nodesOf(root, "table") as Table[]) {
    const width = table.children[0]?.children.length ?? 0;
    table.children.forEach((row, i) => {
      if (row.children.length !== width) {
        problems.push(`table row ${i} has ${row.children.length} cells, header ${width}`);
      }
    });
  }

  walk(root, (node, parents) => {
    if (node.type !== "text") return;
    if (parents.some((p) => p.type === "link")) return;
    const value = (node as Text).value;
    const mention = value.match(/(?:^|[^\w`])@[A-Za-z0-9]/);
    if (mention) problems.push(`live mention in ${JSON.stringify(value)}`);
    if (/(?:^|[^\w&])#\d/.test(value)) problems.push(`live issue reference in ${JSON.stringify(value)}`);
  });
  problems.push(...liveAutolinks(markdown, root).map((link) => `live link ${JSON.stringify(link)}`));
  return problems;
}

/**
 * cmark-gfm (GitHub's renderer) links `ftp://` URLs as it links `http(s)://` ones, when the
 * letters right before `://` are one of those schemes (any case); micromark does not link
 * `ftp://`, so that case is checked on the text itself.
 */
const CMARK_ONLY_URL = /(?<![A-Za-z])ftp:\/\/[^\s<]/i;

/**
 * The links GitHub would make of text: autolink literals (`www.`, `http(s)://`, emails,
 * `mailto:`) and `<url>` autolinks, found by micromark's GFM autolink-literal extension, which
 * follows cmark-gfm's rules except where it links more (after a bracket, uppercase `WWW.`: a
 * stricter judge), plus `CMARK_ONLY_URL`. Links written as `[text](url)` are ours.
 */
export function liveAutolinks(markdown: string, root: Root = parseMarkdown(markdown)): string[] {
  const links: string[] = [];
  walk(root, (node, parents) => {
    if (node.type === "link" && markdown[node.position?.start.offset ?? -1] !== "[") {
      links.push(node.url);
    }
    if (node.type === "text" && !parents.some((p) => p.type === "link")) {
      const url = CMARK_ONLY_URL.exec(node.value);
      if (url) links.push(node.value.slice(url.index));
    }
  });
  return links;
}

/** The sources of the ```mermaid blocks. */
export function mermaidBlocks(markdown: string): string[] {
  return (nodesOf(parseMarkdown(markdown), "code") as Code[])
    .filter((c) => c.lang === "mermaid")
    .map((c) => c.value);
}

/**
 * Rows of every table (header first), each row as its cells' text: text, code and our `<br>`
 * as written, invisible joiners removed (`markdownProblems` is what checks that they are there).
 */
export function tables(markdown: string): string[][][] {
  const text = (node: Nodes): string =>
    node.type === "text" || node.type === "inlineCode" || node.type === "html"
      ? node.value
      : "children" in node
        ? node.children.map((c) => text(c as Nodes)).join("")
        : "";
  return (nodesOf(parseMarkdown(markdown), "table") as Table[]).map((t) =>
    t.children.map((row) => row.children.map((cell) => text(cell).replace(/\u200d/g, ""))),
  );
}

/** All visible text (text and code), for asserting that a value survived escaping intact. */
export function visibleText(markdown: string): string {
  const parts: string[] = [];
  walk(parseMarkdown(markdown), (node) => {
    if (node.type === "text" || node.type === "inlineCode" || node.type === "code") parts.push(node.value);
  });
  return parts.join(" ");
}

/** The text of inline Markdown as a reader sees it (text and code spans run together). */
export function inlineText(markdown: string): string {
  const parts: string[] = [];
  walk(parseMarkdown(markdown), (node) => {
    if (node.type === "text" || node.type === "inlineCode") parts.push(node.value);
  });
  return parts.join("");
}
