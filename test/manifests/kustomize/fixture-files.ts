import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseAllDocuments } from "yaml";
import type { SourceFile } from "../../../src/manifests/source-file.js";

export const KUSTOMIZE_FIXTURES = fileURLToPath(new URL("../../fixtures/kustomize/", import.meta.url));

/** Every file below `dir` (any extension: `Kustomization`, `.env` and `.properties` files too), paths relative to it. */
export function fixtureFiles(dir: string, prefix = ""): SourceFile[] {
  const files: SourceFile[] = [];
  for (const entry of readdirSync(join(dir, prefix), { withFileTypes: true })) {
    const path = prefix === "" ? entry.name : `${prefix}/${entry.name}`;
    if (entry.isDirectory()) files.push(...fixtureFiles(dir, path));
    else {
      const content = readFileSync(join(dir, path), "utf8");
      files.push({ path, size: Buffer.byteLength(content), content });
    }
  }
  return files;
}

/** The documents of an `expected.yaml`, decoded (its leading comment names the upstream source). */
export function expectedObjects(text: string): unknown[] {
  return parseAllDocuments(text, { version: "1.1" })
    .map((doc) => doc.toJS() as unknown)
    .filter((value) => value !== null);
}
