import type { PathGroup, Review } from "../analysis/review/types.js";
import { escapeMarkdown } from "./escape.js";
import { renderMermaid } from "./mermaid.js";
import { markdownTable, pathCellsMarkdown } from "./review-markdown.js";
import { formatNumber, pathsIn, portsText } from "./wording.js";

/**
 * The changed edges as a Mermaid flowchart in a collapsed `<details>`, with a table of the
 * same edges beside it for readers whose client does not draw Mermaid (mail, mobile).
 */
export function graphDetails(review: Review, maxEdges: number): string {
  const graph = renderMermaid(review, maxEdges);
  const total = review.stats.openedPairs + review.stats.closedPairs;
  const drawn = pathsIn(graph.opened) + pathsIn(graph.closed);
  const row = (change: string) => (g: PathGroup) => [
    change,
    ...pathCellsMarkdown(g),
    escapeMarkdown(portsText(g.ports)),
  ];
  const table = markdownTable(
    ["Change", "Source", "Destination", "Ports"],
    [...graph.opened.map(row("➕ opened")), ...graph.closed.map(row("➖ closed"))],
  );
  const shown =
    drawn < total ? ` Showing ${formatNumber(drawn)} of ${formatNumber(total)} changed paths.` : "";
  return [
    "<details>",
    "<summary>Graph of the changed paths</summary>",
    "",
    `Green arrows are opened paths, red dashed arrows closed ones.${shown}`,
    "",
    "```mermaid",
    graph.source,
    "```",
    "",
    table,
    "",
    "</details>",
  ].join("\n");
}
