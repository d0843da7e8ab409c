import { fileURLToPath } from "node:url";
import { expect } from "vitest";
import { type LoadOptions, loadManifests } from "../../src/manifests/load.js";
import type { SourceFile } from "../../src/manifests/source-file.js";
import type { Finding } from "../../src/model/finding.js";
import type { ManifestTree } from "../../src/model/tree.js";

export const FIXTURES = fileURLToPath(new URL("../fixtures/manifests/", import.meta.url));

/**
 * A template literal without its first newline and common indentation, so that the line numbers
 * of an inline manifest can be counted in the test: the first line after the backtick is line 1.
 */
export function yaml(strings: TemplateStringsArray, ...values: unknown[]): string {
  const text = String.raw({ raw: strings }, ...values).replace(/^\n/, "");
  const indents = text
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => /^ */.exec(line)?.[0].length ?? 0);
  const common = Math.min(...indents);
  return text
    .split("\n")
    .map((line) => line.slice(common))
    .join("\n")
    .replace(/[ ]+$/, "");
}

export function sourceFile(path: string, content: string): SourceFile {
  return { path, size: Buffer.byteLength(content), content };
}

/** Loads one file `test.yaml`, or a record of path -> content. */
export function load(files: string | Readonly<Record<string, string>>, options?: LoadOptions): ManifestTree {
  const entries = typeof files === "string" ? { "test.yaml": files } : files;
  return loadManifests(
    Object.entries(entries).map(([path, content]) => sourceFile(path, content)),
    options,
  );
}

/** The single diagnostic of a tree; fails the test with all of them otherwise. */
export function onlyDiagnostic(tree: ManifestTree): Finding {
  expect(tree.diagnostics, JSON.stringify(tree.diagnostics, null, 2)).toHaveLength(1);
  return tree.diagnostics[0] as Finding;
}

/** The first element of a list that must have exactly one. */
export function only<T>(list: readonly T[]): T {
  expect(list).toHaveLength(1);
  return list[0] as T;
}
