// @vitest-environment jsdom
import { describe, expect, test } from "vitest";
import { MERMAID_MAX_EDGES, pickEdges, renderMermaid } from "../../src/report/mermaid.js";
import { parseFlowchart } from "./mermaid-parser.js";
import { cause, EXAMPLE_REVIEW, endpoint, group, review, tcp } from "./reviews.js";

const why = [cause("policy-added", "NetworkPolicy a/b", "a.yaml:1", "new policy")];

describe("renderMermaid", () => {
  test("draws the example's changed edges as a flowchart Mermaid parses", async () => {
    const graph = await parseFlowchart(renderMermaid(EXAMPLE_REVIEW).source);
    expect(graph.type).toBe("flowchart-v2");
    expect(
      graph.edges.map((e) => `${e.start} ${e.stroke === "dotted" ? "-.->" : "-->"} ${e.end} ${e.text}`),
    ).toEqual([
      "n0 --> n1 TCP 8080",
      "n2 --> n1 TCP 8080",
      "n3 --> n4 TCP 5432",
      "n3 --> n5 TCP 53 · UDP 53",
      "n3 --> n1 TCP 8080",
      "n5 --> n1 TCP 8080",
      "n0 -.-> n6 TCP 3000",
      "n7 -.-> n8 TCP 8443",
      "n9 -.-> n10 TCP 443",
    ]);
    expect(graph.vertices.find((v) => v.id === "n3")?.text).toBe("payments/reporting[CronJob] (new)");
  });

  test("styles opened edges green and solid, closed ones red and dashed, by edge index", () => {
    const { source } = renderMermaid(EXAMPLE_REVIEW);
    expect(source).toContain("linkStyle 0,1,2,3,4,5 stroke:#1a7f37,stroke-width:2px");
    expect(source).toContain("linkStyle 6,7,8 stroke:#cf222e,stroke-width:2px,stroke-dasharray:5 5");
    expect(source).toContain("class n3 added");
  });

  test("one node per endpoint side, shared by the edges that touch it", () => {
    const web = endpoint("shop/web[Deployment]");
    const graph = renderMermaid(
      review({
        opened: [group(web, endpoint("a/x[Pod]"), tcp(1), why)],
        closed: [group(endpoint("b/y[Pod]"), web, tcp(2), why)],
      }),
    );
    expect(graph.source.match(/\["shop\/web#91;Deployment#93;"\]/g)).toHaveLength(1);
  });

  test("removed endpoints get their own class, and a graph with only closed edges still parses", async () => {
    const source = renderMermaid(
      review({
        closed: [
          group(endpoint("shop/old[Deployment]", "removed"), endpoint("db/pg[StatefulSet]"), tcp(5432), why),
        ],
      }),
    ).source;
    expect(source).toContain("class n0 removed");
    expect(source).not.toContain("linkStyle 0 stroke:#1a7f37");
    await expect(parseFlowchart(source)).resolves.toMatchObject({ edges: [{ stroke: "dotted" }] });
  });

  test("draws at most 50 edges, keeping up to half of them for closed paths", async () => {
    const many = (n: number, prefix: string) =>
      Array.from({ length: n }, (_, i) =>
        group(endpoint(`${prefix}/a${i}`), endpoint(`${prefix}/b${i}`), tcp(80), why),
      );
    const big = review({ opened: many(80, "o"), closed: many(40, "c") });
    const graph = renderMermaid(big);
    expect([graph.opened.length, graph.closed.length]).toEqual([25, 25]);
    expect((await parseFlowchart(graph.source)).edges).toHaveLength(MERMAID_MAX_EDGES);
    const fewClosed = pickEdges(review({ opened: many(80, "o"), closed: many(3, "c") }), 50);
    expect([fewClosed.opened.length, fewClosed.closed.length]).toEqual([47, 3]);
    const fewOpened = pickEdges(review({ opened: many(2, "o"), closed: many(80, "c") }), 50);
    expect([fewOpened.opened.length, fewOpened.closed.length]).toEqual([2, 48]);
  });

  test("shortens long node labels so the graph stays legible", async () => {
    const long = `ns/${"very-long-name-".repeat(10)}[Deployment]`;
    const graph = await parseFlowchart(
      renderMermaid(review({ opened: [group(endpoint(long), endpoint("b/c"), tcp(80), why)] })).source,
    );
    expect(graph.vertices[0]?.text).toHaveLength(60);
    expect(graph.vertices[0]?.text.endsWith("…")).toBe(true);
  });
});
