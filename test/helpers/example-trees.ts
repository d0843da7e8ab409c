import { resolve } from "node:path";
import { DEFAULT_CONFIG } from "../../src/config/schema.js";
import { readDirectory } from "../../src/manifests/read-dir.js";
import type { SourceFile } from "../../src/manifests/source-file.js";
import type { ManifestTree } from "../../src/model/tree.js";
import { loadScopes } from "../../src/scopes/load-scopes.js";
import { PLAIN_SCOPE } from "../../src/scopes/plan.js";

export const EXAMPLES = resolve(import.meta.dirname, "../../examples");

/** The files of one side of the bundled example (examples/README.md). */
export function exampleFiles(side: "before" | "after"): Promise<SourceFile[]> {
  return readDirectory(`${EXAMPLES}/${side}`);
}

/**
 * The bundled example's plain manifests, the scope `plain`, as the review sees them: its
 * `storefront` kustomizations are scopes of their own (docs/scopes.md).
 */
export async function examplePlainTree(side: "before" | "after"): Promise<ManifestTree> {
  const loaded = loadScopes({ files: await exampleFiles(side), config: DEFAULT_CONFIG, where: side });
  const plain = loaded.scopes.find((s) => s.scope.name === PLAIN_SCOPE);
  if (!plain) throw new Error(`examples/${side} has no plain scope`);
  return plain.tree;
}
