import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { diffReachability } from "../../../src/analysis/diff.js";
import { loadManifests } from "../../../src/manifests/load.js";
import { readDirectory } from "../../../src/manifests/read-dir.js";
import type { AdminAction, AdminPolicy } from "../../../src/model/admin-policy.js";
import { MATCH_ALL } from "../../../src/model/selector.js";
import type { ManifestTree } from "../../../src/model/tree.js";
import { prng, randomTree } from "../../helpers/random-tree.js";
import { pairLines, referenceDiff } from "../../helpers/reference-diff.js";

const ACTIONS: readonly AdminAction[] = ["Allow", "Deny", "Pass"];

/** One small edit to the admin policies, so that most endpoints are unchanged between the trees. */
function mutate(tree: ManifestTree, seed: number): ManifestTree {
  const rnd = prng(seed);
  const policies = [...tree.adminPolicies];
  const i = Math.floor(rnd() * Math.max(policies.length, 1));
  const policy = policies[i];
  const roll = rnd();
  if (!policy || roll < 0.2) {
    const extra = randomTree(seed + 50_000).adminPolicies.filter(
      (p) => p.kind !== "BaselineAdminNetworkPolicy",
    );
    return { ...tree, adminPolicies: [...policies, ...extra.map((p) => ({ ...p, name: `${p.name}-new` }))] };
  }
  let changed: AdminPolicy | undefined;
  if (roll < 0.4) changed = undefined;
  else if (roll < 0.6 && policy.priority !== undefined)
    changed = { ...policy, priority: (policy.priority % 3) + 1 };
  else if (roll < 0.8) {
    const flip = (rules: AdminPolicy["ingress"]) =>
      rules.map((r, k) =>
        k === 0
          ? {
              ...r,
              action:
                policy.tier === "Baseline" && policy.kind !== "ClusterNetworkPolicy"
                  ? r.action === "Allow"
                    ? ("Deny" as const)
                    : ("Allow" as const)
                  : (ACTIONS[(ACTIONS.indexOf(r.action) + 1) % 3] as AdminAction),
            }
          : r,
      );
    changed = { ...policy, ingress: flip(policy.ingress), egress: flip(policy.egress) };
  } else {
    changed = { ...policy, subject: randomTree(seed + 70_000).adminPolicies[0]?.subject ?? policy.subject };
  }
  if (changed) policies[i] = changed;
  else policies.splice(i, 1);
  return { ...tree, adminPolicies: policies };
}

describe("diff with admin policies", () => {
  it("equals the pairwise difference of full evaluations when only admin policies change", () => {
    for (let seed = 1; seed <= 200; seed++) {
      const base = randomTree(seed);
      const head = mutate(base, seed);
      const diff = diffReachability(base, head);
      const expected = referenceDiff(diff);
      expect(pairLines(diff.opened), `seed ${seed} opened`).toEqual(expected.opened);
      expect(pairLines(diff.closed), `seed ${seed} closed`).toEqual(expected.closed);
    }
  });

  it("external ranges are cut at the networks of both sides, so a new networks peer closes just its range", () => {
    const base = randomTree(7, { admin: false });
    const deny: AdminPolicy = {
      kind: "AdminNetworkPolicy",
      apiVersion: "policy.networking.k8s.io/v1alpha1",
      name: "no-private",
      annotations: {},
      tier: "Admin",
      priority: 1,
      subject: { type: "namespaces", namespaceSelector: MATCH_ALL, podSelector: MATCH_ALL, line: 1 },
      ingress: [],
      egress: [
        {
          index: 0,
          action: "Deny",
          actionAsWritten: "Deny",
          peers: [
            {
              type: "networks",
              cidrs: [{ family: 4, text: "172.16.0.0/12", start: 0xac100000n, end: 0xac1fffffn }],
              line: 1,
            },
          ],
          ports: null,
          line: 1,
        },
      ],
      source: { file: "anp.yaml", line: 1 },
    };
    const diff = diffReachability(base, { ...base, adminPolicies: [deny] });
    expect(diff.added).toEqual(new Set());
    expect(diff.removed).toEqual(new Set());
    expect(diff.opened).toEqual([]);
    expect(diff.closed.length).toBeGreaterThan(0);
    expect(new Set(diff.closed.map((c) => c.dst.id))).toEqual(new Set(["172.16.0.0/12"]));
  });

  it("moving the PCI guardrail below the monitoring policy opens exactly the metrics scrape", async () => {
    const dir = fileURLToPath(new URL("../../fixtures/admin/anp", import.meta.url));
    const base = loadManifests(await readDirectory(dir));
    const head: ManifestTree = {
      ...base,
      adminPolicies: base.adminPolicies.map((p) => (p.name === "pci-isolation" ? { ...p, priority: 25 } : p)),
    };
    const diff = diffReachability(base, head);
    expect(pairLines(diff.opened)).toEqual([
      "monitoring/prometheus[Deployment] => payments/gateway[Deployment] : TCP 9090",
    ]);
    expect(diff.closed).toEqual([]);
  });
});
