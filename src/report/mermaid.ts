import type { GroupSide, PathGroup, Review } from "../analysis/review/types.js";
import { escapeMermaidLabel, truncate } from "./escape.js";
import { portsText, sideNote } from "./wording.js";

/** Edges drawn at most: beyond about fifty, a flowchart is a hairball nobody reads (and slow to lay out). */
export const MERMAID_MAX_EDGES = 50;

/** Node and edge labels are shortened so that the graph stays legible. */
const MAX_NODE_LABEL = 60;
const MAX_EDGE_LABEL = 40;

const OPENED_STYLE = "stroke:#1a7f37,stroke-width:2px";
const CLOSED_STYLE = "stroke:#cf222e,stroke-width:2px,stroke-dasharray:5 5";

export interface MermaidGraph {
  /** Flowchart source, without the surrounding code fence. */
  readonly source: string;
  /** The groups drawn, in edge order. */
  readonly opened: readonly PathGroup[];
  readonly closed: readonly PathGroup[];
}

/**
 * The groups drawn when at most `maxEdges` fit: closed paths keep up to half the room, opened
 * ones take the rest (a PR that opens much and closes little still shows everything it closed).
 */
export function pickEdges(review: Review, maxEdges: number): { opened: PathGroup[]; closed: PathGroup[] } {
  const closed = Math.min(
    review.closed.length,
    Math.max(Math.floor(maxEdges / 2), maxEdges - review.opened.length),
  );
  const opened = Math.min(review.opened.length, maxEdges - closed);
  return { opened: review.opened.slice(0, opened), closed: review.closed.slice(0, closed) };
}

/**
 * A `flowchart LR` of the changed edges only: opened in green solid arrows, closed in red
 * dashed ones, labelled with their ports. Node ids are generated (`n0`, `n1`…), never taken
 * from the manifests; every label is escaped with Mermaid entity codes.
 */
export function renderMermaid(review: Review, maxEdges = MERMAID_MAX_EDGES): MermaidGraph {
  const { opened, closed } = pickEdges(review, maxEdges);
  const ids = new Map<string, { id: string; side: GroupSide }>();
  const nodeId = (side: GroupSide): string => {
    const key = `${side.kind}\u0000${side.change ?? ""}\u0000${side.endpointIds.join("\u0001")}\u0000${side.label}`;
    let node = ids.get(key);
    if (!node) {
      node = { id: `n${ids.size}`, side };
      ids.set(key, node);
    }
    return node.id;
  };
  const edges = [
    ...opened.map((g) => edge(nodeId(g.src), "-->", g, nodeId(g.dst))),
    ...closed.map((g) => edge(nodeId(g.src), "-.->", g, nodeId(g.dst))),
  ];
  const nodes = [...ids.values()].map(({ id, side }) => `  ${id}["${escapeMermaidLabel(nodeLabel(side))}"]`);
  const indexes = (from: number, n: number) => Array.from({ length: n }, (_, i) => from + i).join(",");
  const styles = [
    ...(opened.length > 0 ? [`  linkStyle ${indexes(0, opened.length)} ${OPENED_STYLE}`] : []),
    ...(closed.length > 0 ? [`  linkStyle ${indexes(opened.length, closed.length)} ${CLOSED_STYLE}`] : []),
  ];
  const marked = (change: "added" | "removed") =>
    [...ids.values()].filter(({ side }) => side.change === change).map(({ id }) => id);
  const classes = [
    ...classLine("added", "stroke:#1a7f37,stroke-width:2px", marked("added")),
    ...classLine("removed", "stroke:#cf222e,stroke-dasharray:5 5", marked("removed")),
  ];
  const source = ["flowchart LR", ...nodes, ...edges, ...styles, ...classes].join("\n");
  return { source, opened, closed };
}

function nodeLabel(side: GroupSide): string {
  const note = sideNote(side);
  const label = truncate(side.label, MAX_NODE_LABEL);
  return note ? `${label} (${note})` : label;
}

function edge(from: string, arrow: string, group: PathGroup, to: string): string {
  return `  ${from} ${arrow}|"${escapeMermaidLabel(truncate(portsText(group.ports), MAX_EDGE_LABEL))}"| ${to}`;
}

function classLine(name: string, style: string, ids: readonly string[]): string[] {
  return ids.length === 0 ? [] : [`  classDef ${name} ${style}`, `  class ${ids.join(",")} ${name}`];
}
