import { expect, test, vi } from "vitest";
import { load, yaml } from "./helpers.js";

// Stands in for a bug of ours: converting the Namespace named `boom` throws.
vi.mock("../../src/manifests/convert/namespace.js", async (importOriginal) => {
  const original = await importOriginal<typeof import("../../src/manifests/convert/namespace.js")>();
  return {
    convertNamespace: ((manifest, at) => {
      if (manifest.metadata.name === "boom") throw new Error("simulated bug");
      return original.convertNamespace(manifest, at);
    }) satisfies typeof original.convertNamespace,
  };
});

test("an unexpected exception in one document becomes a finding for that document, and loading goes on", () => {
  const tree = load(yaml`
    apiVersion: v1
    kind: Namespace
    metadata: {name: before}
    ---
    # the document that hits the bug
    apiVersion: v1
    kind: Namespace
    metadata: {name: boom}
    ---
    apiVersion: v1
    kind: Namespace
    metadata: {name: after}
  `);
  expect(tree.namespaces.map((n) => n.name)).toEqual(["before", "after"]);
  expect(tree.diagnostics).toHaveLength(1);
  expect(tree.diagnostics[0]).toMatchObject({
    rule: "invalid-manifest",
    severity: "error",
    file: "test.yaml",
    line: 6,
  });
  expect(tree.diagnostics[0]?.message).toContain("simulated bug");
});
