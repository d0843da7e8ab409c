import { describe, expect, test } from "vitest";
import { parse } from "yaml";
import { indentFlowContinuations } from "../../src/manifests/flow-indentation.js";
import { load, only, yaml } from "./helpers.js";

/** A Deployment whose container `args` are written as `argsYaml` (lines 10 onwards). */
function deploymentWithArgs(argsYaml: string): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      containers:
        - name: web
${argsYaml}
          ports:
            - containerPort: 8080
`;
}

describe("indentation that kubectl (go-yaml) accepts and strict YAML parsers refuse", () => {
  test("a tab at the start of a line inside a flow sequence does not stop the document from loading", () => {
    const tree = load(
      deploymentWithArgs(
        '          args:\n            [\n              "-jar",\n\t            "-Dport=8080",\n            ]',
      ),
    );
    expect(tree.diagnostics).toEqual([]);
    // Lines are unchanged: the port list still starts on line 12.
    expect(only(tree.workloads)).toMatchObject({ name: "web", ports: [{ port: 8080 }] });
  });

  test("a multi-line quoted string whose closing line is under-indented still loads, lines unchanged", () => {
    const tree = load(yaml`
      apiVersion: v1
      kind: Namespace
      metadata:
        name: cni
        annotations:
          config: '{
        "type": "macvlan"
        }'
        labels:
          team: net
    `);
    expect(tree.diagnostics).toEqual([]);
    expect(only(tree.namespaces)).toEqual({
      name: "cni",
      labels: { team: "net" },
      source: { file: "test.yaml", line: 1 },
    });
  });

  test("a real syntax error is still reported after the lenient retry", () => {
    const tree = load(deploymentWithArgs('          args: [\n\t"-jar"\n          command: x: y'));
    expect(tree.workloads).toEqual([]);
    expect(tree.diagnostics.length).toBeGreaterThan(0);
    expect(tree.diagnostics.every((d) => d.message.startsWith("YAML syntax error"))).toBe(true);
  });

  test("only flow continuation lines move: block scalars, quotes and plain text keep their lines", () => {
    const text = "a: [1,\n2]\nb: |\n  [ not a flow\nc: \"it's\"\nd: it's [fine]\ne: {x: 3,\ny: 4}\n";
    const indented = indentFlowContinuations(text);
    expect(indented).toBe(
      "a: [1,\n  2]\nb: |\n  [ not a flow\nc: \"it's\"\nd: it's [fine]\ne: {x: 3,\n  y: 4}\n",
    );
    expect(parse(indented ?? "")).toEqual({
      a: [1, 2],
      b: "[ not a flow\n",
      c: "it's",
      d: "it's [fine]",
      e: { x: 3, y: 4 },
    });
  });

  test("text that needs no change gives undefined", () => {
    expect(indentFlowContinuations("a: 1\nb: [2,\n  3]\n")).toBeUndefined();
  });

  test("continuation lines at or left of their node's column are moved two columns right of it", () => {
    expect(indentFlowContinuations("- key: [1,\n  2]\n")).toBe("- key: [1,\n    2]\n");
    expect(indentFlowContinuations("x: 'a\nb'\n")).toBe("x: 'a\n  b'\n");
    expect(indentFlowContinuations("x: [\n\t1]\n")).toBe("x: [\n  1]\n");
  });

  test("a document marker inside an unclosed quote is left for the parser to report", () => {
    expect(indentFlowContinuations("x: 'a\n---\ny: 1\n")).toBeUndefined();
  });
});
