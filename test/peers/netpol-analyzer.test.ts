import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { computeReachability } from "../../src/analysis/reach.js";
import { loadManifests } from "../../src/manifests/load.js";
import { readDirectory } from "../../src/manifests/read-dir.js";
import { compareWithUpstream } from "./compare.js";
import { parseUpstreamList } from "./upstream-format.js";

const PEER = resolve(import.meta.dirname, "../../../shared/peers/netpol-analyzer");

interface UpstreamCase {
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

const ADMIN_KINDS = ["AdminNetworkPolicy", "BaselineAdminNetworkPolicy", "ClusterNetworkPolicy"];

/** `list` cases with no flags, one per input directory, compared through their txt output. */
function listCases(): UpstreamCase[] {
  const all = JSON.parse(readFileSync(join(PEER, "cases.json"), "utf8")) as UpstreamCase[];
  const byInput = new Map<string, UpstreamCase>();
  for (const c of all) {
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

/**
 * netpol-analyzer merges pods whose ownerReference has no `kind` (which the API server rejects)
 * into one workload named after the owner; we report the reference and keep the pods apart.
 * Under this renaming the answers must still agree: the difference is naming, not semantics.
 */
const GAP_OWNER = {
  "default/pod-1[Pod]": "default/internal-security[Pod]",
  "default/pod-2[Pod]": "default/internal-security[Pod]",
};
const ALIASES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  "tests/example_pods_w_same_owner_and_labels_gap_no_policy": GAP_OWNER,
  "tests/example_pods_w_same_owner_and_labels_gap_with_policy_selector_not_in_gap": GAP_OWNER,
  "tests/example_pods_w_same_owner_and_labels_gap_with_good_match_expression": GAP_OWNER,
  "tests/example_pods_w_same_owner_and_labels_gap_with_good_match_expression2": GAP_OWNER,
};

describe("agreement with netpol-analyzer's list outputs (NetworkPolicy v1 only)", async () => {
  const cases = listCases();
  const results: { input: string; pairs: number; mismatches: string[] }[] = [];
  for (const c of cases) {
    const input = c.inputs[0] as string;
    const tree = loadManifests(await readDirectory(join(PEER, input)));
    if (tree.adminPolicies.length > 0 || ADMIN_KINDS.some((k) => tree.skipped[k])) continue;
    const expected = parseUpstreamList(readFileSync(join(PEER, c.expected), "utf8"));
    const { matching, mismatches } = compareWithUpstream(computeReachability(tree), expected, ALIASES[input]);
    results.push({ input, pairs: matching + mismatches.length, mismatches });
  }

  it("covers the NetworkPolicy-only list cases", () => {
    expect(results.length).toBeGreaterThanOrEqual(40);
  });

  it("agrees on every workload-to-workload and workload-to-external pair", () => {
    const agreeing = results.filter((r) => r.mismatches.length === 0).length;
    const pairs = results.reduce((n, r) => n + r.pairs, 0);
    const mismatched = results.reduce((n, r) => n + r.mismatches.length, 0);
    console.log(
      `netpol-analyzer agreement: ${agreeing}/${results.length} cases fully, ${pairs - mismatched}/${pairs} pairs`,
    );
    expect(
      results
        .filter((r) => r.mismatches.length > 0)
        .map((r) => `${r.input}: ${r.mismatches.length} pairs, e.g. ${r.mismatches.slice(0, 3).join(" | ")}`),
    ).toEqual([]);
  });
});
