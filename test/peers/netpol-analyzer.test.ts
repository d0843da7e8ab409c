import { expect, it } from "vitest";
import { computeReachability } from "../../src/analysis/reach.js";
import { describeWithPeers } from "../helpers/peers.js";
import { compareWithUpstream } from "./compare.js";
import { GAP_OWNER, loadUpstreamInput, readExpected, unflaggedListCases } from "./upstream-cases.js";
import { parseUpstreamList } from "./upstream-format.js";

const ADMIN_KINDS = ["AdminNetworkPolicy", "BaselineAdminNetworkPolicy", "ClusterNetworkPolicy"];

const ALIASES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  "tests/example_pods_w_same_owner_and_labels_gap_no_policy": GAP_OWNER,
  "tests/example_pods_w_same_owner_and_labels_gap_with_policy_selector_not_in_gap": GAP_OWNER,
  "tests/example_pods_w_same_owner_and_labels_gap_with_good_match_expression": GAP_OWNER,
  "tests/example_pods_w_same_owner_and_labels_gap_with_good_match_expression2": GAP_OWNER,
};

describeWithPeers("agreement with netpol-analyzer's list outputs (NetworkPolicy v1 only)", async () => {
  const cases = unflaggedListCases();
  const results: { input: string; pairs: number; mismatches: string[] }[] = [];
  for (const c of cases) {
    const input = c.inputs[0] as string;
    const tree = await loadUpstreamInput(input);
    if (tree.adminPolicies.length > 0 || ADMIN_KINDS.some((k) => tree.skipped[k])) continue;
    const expected = parseUpstreamList(readExpected(c));
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
