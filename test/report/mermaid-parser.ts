import mermaid from "mermaid";

/**
 * Mermaid's own parser (the one GitHub runs), not a regex. It needs a DOM for DOMPurify, so test
 * files that use it start with `// @vitest-environment jsdom`.
 */
mermaid.initialize({ startOnLoad: false, securityLevel: "strict" });

export interface ParsedFlowchart {
  readonly type: string;
  readonly vertices: readonly { id: string; text: string; interactive: boolean }[];
  readonly edges: readonly { start: string; end: string; stroke: string; text: string }[];
}

/** Parses a flowchart and returns what Mermaid understood; throws Mermaid's error when it does not parse. */
export async function parseFlowchart(source: string): Promise<ParsedFlowchart> {
  const { diagramType } = await mermaid.parse(source);
  const diagram = await mermaid.mermaidAPI.getDiagramFromText(source);
  const db = diagram.db as unknown as FlowDb;
  return {
    type: diagramType,
    vertices: [...db.getVertices().values()].map((v) => ({
      id: v.id,
      text: decodeEntities(v.text ?? ""),
      interactive: v.link !== undefined || v.haveCallback === true || (v.classes ?? []).includes("clickable"),
    })),
    edges: db
      .getEdges()
      .map((e) => ({ start: e.start, end: e.end, stroke: e.stroke, text: decodeEntities(e.text ?? "") })),
  };
}

interface FlowDb {
  getVertices(): Map<
    string,
    { id: string; text?: string; link?: string; haveCallback?: boolean; classes?: string[] }
  >;
  getEdges(): { start: string; end: string; stroke: string; text?: string }[];
}

/**
 * Mermaid keeps `#name;` / `#123;` entity codes as placeholders (`ﬂ°…¶ß`) until rendering; decode
 * them the way the browser will, to compare with the text we meant.
 */
function decodeEntities(text: string): string {
  const named: Record<string, string> = { quot: '"', amp: "&", lt: "<", gt: ">", nbsp: "\u00a0" };
  return text
    .replace(/ﬂ°°(\d+)¶ß/g, (_, code: string) => String.fromCodePoint(Number(code)))
    .replace(/ﬂ°(\w+)¶ß/g, (all, name: string) => named[name] ?? all);
}
