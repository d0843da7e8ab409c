import { readFileSync } from "node:fs";
import { join } from "node:path";
import { loadManifests } from "../../src/manifests/load.js";
import { readDirectory } from "../../src/manifests/read-dir.js";
import type { ManifestTree } from "../../src/model/tree.js";

import { PEER, PEER_AVAILABLE } from "../helpers/peers.js";

export { PEER };

/** One entry of cases.json (an index of netpol-analyzer's Go test tables). */
export interface UpstreamCase {
  kind: string;
  inputs: string[];
  format: string;
  expected: string;
  expected_exists: boolean;
  compared_by_upstream: boolean;
  focusworkload: string[];
  focusworkload_peer: string[];
  focus_direction: string;
  focus_conn: string;
  exposure: boolean;
  explain: boolean;
  explain_only: string;
  multiple_networks: boolean;
}

/** Empty when the peer data is absent (the suites that use it are then skipped). */
export const ALL_CASES: UpstreamCase[] = PEER_AVAILABLE
  ? (JSON.parse(readFileSync(join(PEER, "cases.json"), "utf8")) as UpstreamCase[])
  : [];

/** `list` cases with no flags, one per input directory, compared through their txt output. */
export function unflaggedListCases(): UpstreamCase[] {
  const byInput = new Map<string, UpstreamCase>();
  for (const c of ALL_CASES) {
    if (c.kind !== "list") continue;
    const flagged =
      c.focusworkload.length > 0 ||
      c.focusworkload_peer.length > 0 ||
      c.focus_direction ||
      c.focus_conn ||
      c.exposure ||
      c.explain ||
      c.explain_only ||
      c.multiple_networks;
    if (flagged || c.format !== "txt" || !c.expected_exists || !c.compared_by_upstream) continue;
    byInput.set(c.inputs.join(","), c);
  }
  return [...byInput.values()];
}

export async function loadUpstreamInput(input: string): Promise<ManifestTree> {
  return loadManifests(await readDirectory(join(PEER, input)));
}

export function readExpected(c: UpstreamCase): string {
  return readFileSync(join(PEER, c.expected), "utf8");
}

/**
 * netpol-analyzer merges pods whose ownerReference has no `kind` (which the API server rejects)
 * into one workload named after the owner; we report the reference and keep the pods apart.
 * Under this renaming the answers must still agree: the difference is naming, not semantics.
 */
export const GAP_OWNER: Readonly<Record<string, string>> = {
  "default/pod-1[Pod]": "default/internal-security[Pod]",
  "default/pod-2[Pod]": "default/internal-security[Pod]",
};
