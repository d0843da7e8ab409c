import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { explainTierWalk } from "../../../src/analysis/admin/explain-tiers.js";
import { analyseTree, type ClusterAnalysis, type EndpointClass } from "../../../src/analysis/cluster.js";
import { loadManifests } from "../../../src/manifests/load.js";
import { readDirectory } from "../../../src/manifests/read-dir.js";
import { PortSet } from "../../../src/model/port-set.js";

const dir = fileURLToPath(new URL("../../fixtures/admin/anp", import.meta.url));

function classOf(analysis: ClusterAnalysis, id: string): EndpointClass {
  const index = analysis.endpoints.findIndex((e) => e.id === id);
  expect(index).toBeGreaterThanOrEqual(0);
  return analysis.classes[analysis.classOf[index] as number] as EndpointClass;
}

describe("explaining the tier walk of one direction", async () => {
  const analysis = analyseTree(loadManifests(await readDirectory(dir)));
  const ingress = (src: string, dst: string, restrict?: PortSet) =>
    explainTierWalk(analysis, "ingress", classOf(analysis, dst), classOf(analysis, src), restrict);

  it("names each deciding rule with its file and line, Pass included, then the NetworkPolicy tier", () => {
    const e = ingress("monitoring/prometheus[Deployment]", "shop/api[Deployment]");
    expect(e.allowed.toString()).toBe("TCP 9090");
    expect(e.summary).toBe(
      'Admin Allow TCP 9090 (AdminNetworkPolicy monitoring ingress rule "allow-scrape") → Admin Pass SCTP 1-65535,TCP 1-9089,9091-65535,UDP 1-65535 (AdminNetworkPolicy monitoring ingress rule "pass-other-monitoring") → NetworkPolicy denies SCTP 1-65535,TCP 1-9089,9091-65535,UDP 1-65535',
    );
    expect(
      e.reasons.map((r) => [r.tier, r.effect, r.policy, r.kind, r.rule, r.ruleName, r.file, r.line]),
    ).toEqual([
      [
        "Admin",
        "allows",
        "AdminNetworkPolicy monitoring",
        "AdminNetworkPolicy",
        0,
        "allow-scrape",
        "admin-network-policies.yaml",
        79,
      ],
      [
        "Admin",
        "passes",
        "AdminNetworkPolicy monitoring",
        "AdminNetworkPolicy",
        1,
        "pass-other-monitoring",
        "admin-network-policies.yaml",
        87,
      ],
      ["NetworkPolicy", "denies", null, null, null, undefined, null, null],
    ]);
  });

  it("goes on to the Baseline tier when no NetworkPolicy selects the pod", () => {
    const e = ingress("monitoring/prometheus[Deployment]", "shop/web[Deployment]");
    expect(e.allowed.isEmpty()).toBe(true);
    expect(e.summary).toBe(
      'Admin Pass all traffic (AdminNetworkPolicy monitoring ingress rule "pass-other-monitoring") → Baseline Deny all traffic (BaselineAdminNetworkPolicy default ingress rule "deny-from-outside-prod")',
    );
    expect(e.reasons[1]).toMatchObject({ file: "baseline-admin-network-policy.yaml", line: 15 });
  });

  it("ends in the default allow when no tier decides, and answers for one port when asked", () => {
    const e = ingress("shop/api[Deployment]", "shop/web[Deployment]", PortSet.port("TCP", 8080));
    expect(e.allowed.toString()).toBe("TCP 8080");
    expect(e.summary).toBe("default allows TCP 8080");
  });
});
