import { describe, expect, it } from "vitest";
import { applyJsonPatch, type JsonPatchOperation } from "../../../src/manifests/kustomize/json-patch.js";
import type { SourcePositions } from "../../../src/manifests/source-positions.js";
import { parseYamlFile } from "../../../src/manifests/yaml-documents.js";

const positions = parseYamlFile("ops.yaml", "[]").documents[0]?.positions as SourcePositions;
const ops = (...list: Omit<JsonPatchOperation, "origin">[]): JsonPatchOperation[] =>
  list.map((op, i) => ({ ...op, origin: { file: "ops.yaml", positions, path: [i] } }));

describe("JSON 6902 operations (RFC 6902)", () => {
  const doc = () => ({
    metadata: { labels: { "app.kubernetes.io/name": "a", "x~y": "1" } },
    spec: { list: [1, 2, 3] },
  });

  it("add inserts at an index, appends at -, and adds a key", () => {
    const result = applyJsonPatch(
      doc(),
      ops(
        { op: "add", path: "/spec/list/1", value: 9 },
        { op: "add", path: "/spec/list/-", value: 4 },
        { op: "add", path: "/spec/new", value: true },
      ),
    );
    expect(result).toEqual({ ok: true, value: { ...doc(), spec: { list: [1, 9, 2, 3, 4], new: true } } });
  });

  it("~1 and ~0 escape / and ~ in keys", () => {
    const result = applyJsonPatch(
      doc(),
      ops(
        { op: "remove", path: "/metadata/labels/app.kubernetes.io~1name" },
        { op: "replace", path: "/metadata/labels/x~0y", value: "2" },
      ),
    );
    expect(result.ok && result.value.metadata).toEqual({ labels: { "x~y": "2" } });
  });

  it("move and copy take the value at from", () => {
    const result = applyJsonPatch(
      doc(),
      ops(
        { op: "copy", from: "/spec/list/0", path: "/spec/first" },
        { op: "move", from: "/spec/list", path: "/spec/moved" },
      ),
    );
    expect(result.ok && result.value.spec).toEqual({ first: 1, moved: [1, 2, 3] });
  });

  it("a test operation compares objects by members, not by key order (RFC 6902 4.6)", () => {
    const result = applyJsonPatch(
      doc(),
      ops(
        { op: "test", path: "/metadata/labels", value: { "x~y": "1", "app.kubernetes.io/name": "a" } },
        { op: "replace", path: "/spec/list/0", value: 7 },
      ),
    );
    expect(result.ok && result.value.spec).toEqual({ list: [7, 2, 3] });
  });

  it("a failing test operation rejects the whole patch and leaves the document unchanged", () => {
    const original = doc();
    const result = applyJsonPatch(
      original,
      ops({ op: "remove", path: "/spec/list" }, { op: "test", path: "/metadata/labels/x~0y", value: "9" }),
    );
    expect(result).toEqual({ ok: false, index: 1, reason: "test /metadata/labels/x~0y failed" });
    expect(original).toEqual(doc());
  });

  it("replace and remove need the path to exist; add needs its parent", () => {
    expect(applyJsonPatch(doc(), ops({ op: "replace", path: "/spec/none", value: 1 }))).toMatchObject({
      ok: false,
    });
    expect(applyJsonPatch(doc(), ops({ op: "remove", path: "/spec/list/3" }))).toMatchObject({ ok: false });
    expect(applyJsonPatch(doc(), ops({ op: "add", path: "/spec/a/b", value: 1 }))).toMatchObject({
      ok: false,
    });
  });
});
