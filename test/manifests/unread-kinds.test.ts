import { afterEach, describe, expect, test, vi } from "vitest";
import { readDocumentsOnly } from "../../src/manifests/document-kinds.js";
import { ParseCache } from "../../src/manifests/parse-cache.js";
import { parseYamlFile } from "../../src/manifests/yaml-documents.js";
import { load, onlyDiagnostic, yaml } from "./helpers.js";

/** A document of a kind the review never reads, with a YAML error that composing would report. */
const BROKEN_CRD = yaml`
  apiVersion: apiextensions.k8s.io/v1
  kind: CustomResourceDefinition
  metadata: { name: things.example.com }
  spec:
    names: { kind: Thing, kind: Thing }
`;

const POLICY_WITH_BAD_PORT = yaml`
  apiVersion: networking.k8s.io/v1
  kind: NetworkPolicy
  metadata: { name: p, namespace: shop }
  spec:
    podSelector: {}
    ingress:
      - ports: [{ port: 0 }]
`;

describe("documents of kinds the review never reads", () => {
  test("a document of a kind the review never reads is not composed: it is counted as skipped and its YAML is not checked", () => {
    const tree = load(BROKEN_CRD);
    expect(tree.diagnostics).toEqual([]);
    expect(tree.skipped).toEqual({ CustomResourceDefinition: 1 });
  });

  test("lines after an unread document stay exact", () => {
    const tree = load(`${BROKEN_CRD}\n---\n${POLICY_WITH_BAD_PORT}`);
    // BROKEN_CRD is 5 lines, then a blank line and the marker: the policy starts on line 8, its port on 14.
    expect(onlyDiagnostic(tree)).toMatchObject({ line: 14, object: "NetworkPolicy shop/p" });
  });

  test("an error at the end of a document followed by an unread one keeps the line it has when every document is read", () => {
    const text =
      "apiVersion: v1\nkind: Namespace\nspec: [\n---\nkind: ConfigMap\napiVersion: v1\n---\nkind: ConfigMap\napiVersion: v1\n";
    const lines = (kinds: "review" | "all") =>
      parseYamlFile("f.yaml", text, { kinds }).findings.map((f) => f.line);
    expect(lines("review")).toEqual(lines("all"));
    expect(lines("review").length).toBeGreaterThan(0);
  });

  test("a document whose kind is not certain before composing is composed", () => {
    const tagged = BROKEN_CRD.replace(
      "kind: CustomResourceDefinition",
      "kind: !!str CustomResourceDefinition",
    );
    const anchored = BROKEN_CRD.replace(
      "kind: CustomResourceDefinition",
      "kind: &k CustomResourceDefinition",
    );
    const merged = `base: &b { x: 1 }\n<<: *b\n${BROKEN_CRD}`;
    const flow =
      "{ apiVersion: apiextensions.k8s.io/v1, kind: CustomResourceDefinition, spec: { kind: A, kind: B } }\n";
    for (const text of [tagged, anchored, merged, flow]) {
      expect(onlyDiagnostic(load(text)).message, text).toContain('duplicate key "kind"');
    }
  });

  test("a document whose first key is not valid YAML is composed, and its error reported at its line", () => {
    const tree = load(
      "apiVersion: v1\nkind: Namespace\nmetadata: { name: a }\n---\n@apiVersion: v1\nkind: Pod\n",
    );
    expect(onlyDiagnostic(tree)).toMatchObject({ line: 5 });
    expect(onlyDiagnostic(tree).message).toContain("reserved character @; document not loaded");
    expect(tree.namespaces.map((n) => n.name)).toEqual(["a"]);
  });

  test("a comment after the kind is not part of it, a # without a space before it is", () => {
    const unread = (text: string) => readDocumentsOnly(text, () => false).unread;
    expect(unread("apiVersion: v1\nkind: ConfigMap # settings\ndata: {}\n")).toEqual([
      { apiVersion: "v1", kind: "ConfigMap" },
    ]);
    expect(unread("apiVersion: v1\nkind: Config#Map\ndata: {}\n")).toEqual([]);
  });

  test("a kind YAML 1.1 reads as a boolean is decided by composing", () => {
    const tree = load("apiVersion: v1\nkind: yes\nmetadata: { name: x, name: y }\n");
    expect(onlyDiagnostic(tree).message).toContain('duplicate key "name"');
  });

  test("a kind written after the first kilobytes is still found", () => {
    const long = "x".repeat(5_000);
    const tree = load(
      `metadata:\n  name: shop\n  annotations: { note: ${long} }\napiVersion: v1\nkind: Namespace\n`,
    );
    expect(tree.namespaces.map((n) => n.name)).toEqual(["shop"]);
  });

  test("a List is composed whatever its items", () => {
    const tree = load(yaml`
      apiVersion: v1
      kind: List
      items:
        - apiVersion: v1
          kind: Namespace
          metadata: { name: shop }
    `);
    expect(tree.namespaces.map((n) => n.name)).toEqual(["shop"]);
  });

  test("kinds: all composes every document, as kustomize needs", () => {
    expect(parseYamlFile("crd.yaml", BROKEN_CRD).findings).toEqual([]);
    const all = parseYamlFile("crd.yaml", BROKEN_CRD, { kinds: "all" });
    expect(all.findings.map((f) => [f.line, f.message])).toEqual([
      [5, 'duplicate key "kind"; document not loaded'],
    ]);
  });
});

describe("YAML library warnings", () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  test("a YAML warning becomes a finding at its line, and nothing is printed", () => {
    const emitWarning = vi.spyOn(process, "emitWarning");
    const warn = vi.spyOn(console, "warn");
    const tree = load("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: !shop x\n");
    expect(onlyDiagnostic(tree)).toMatchObject({ severity: "warning", line: 4 });
    expect(onlyDiagnostic(tree).message).toContain("Unresolved tag: !shop");
    expect(tree.namespaces.map((n) => n.name)).toEqual(["x"]);
    expect(emitWarning).not.toHaveBeenCalled();
    expect(warn).not.toHaveBeenCalled();
  });

  test("a key that is a collection is an error at its line, the document left out, and nothing is printed", () => {
    const emitWarning = vi.spyOn(process, "emitWarning");
    const tree = load(
      "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n  labels:\n    ? [a, b]\n    : x\n",
    );
    expect(onlyDiagnostic(tree)).toMatchObject({ severity: "error", line: 6 });
    expect(tree.namespaces).toEqual([]);
    expect(emitWarning).not.toHaveBeenCalled();
  });
});

describe("nothing printed", () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  test("loading never writes to stderr or stdout, whatever the YAML", () => {
    const spies = [
      vi.spyOn(process.stderr, "write"),
      vi.spyOn(process.stdout, "write"),
      vi.spyOn(process, "emitWarning"),
      vi.spyOn(console, "warn"),
      vi.spyOn(console, "error"),
      vi.spyOn(console, "log"),
    ];
    const texts = [
      "? { a: 1 }\n: x\n",
      "%FOO bar\n---\na: !unknown 1\n",
      "apiVersion: v1\nkind: Namespace\nmetadata: { name: !x y }\n",
      "a: [\n",
      "a: &a 1\nb: *a\nc: *nope\n",
      "--- !!map\n? [x]\n: [y]\n",
    ];
    for (const text of texts) {
      load(text);
      parseYamlFile("all.yaml", text, { kinds: "all" });
    }
    for (const spy of spies) expect(spy).not.toHaveBeenCalled();
  });
});

describe("parse cache", () => {
  test("a file shared by base and head is parsed once, and its findings carry each file's path", () => {
    const cache = new ParseCache();
    const first = cache.parse("base/p.yaml", "a: [\n");
    const second = cache.parse("head/p.yaml", "a: [\n");
    expect(second.documents).toBe(first.documents);
    expect(first.findings.map((f) => f.file)).toEqual(["base/p.yaml"]);
    expect(second.findings.map((f) => f.file)).toEqual(["head/p.yaml"]);
  });

  test("the cache holds no more text than its bound, dropping the oldest entries", () => {
    const cache = new ParseCache(10);
    const first = cache.parse("a.yaml", "a: 1\n");
    cache.parse("b.yaml", "b: 22222\n");
    expect(cache.parse("a.yaml", "a: 1\n").documents).not.toBe(first.documents);
  });
});
