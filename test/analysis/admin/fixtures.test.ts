import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { computeReachability } from "../../../src/analysis/reach.js";
import { loadManifests } from "../../../src/manifests/load.js";
import { readDirectory } from "../../../src/manifests/read-dir.js";
import type { ManifestTree } from "../../../src/model/tree.js";
import { connections } from "../../helpers/trees.js";

const FIXTURES = fileURLToPath(new URL("../../fixtures/admin/", import.meta.url));

async function fixture(name: string): Promise<ManifestTree> {
  return loadManifests(await readDirectory(`${FIXTURES}${name}`));
}

const WEB = "shop/web[Deployment]";
const API = "shop/api[Deployment]";
const GATEWAY = "payments/gateway[Deployment]";
const PROMETHEUS = "monitoring/prometheus[Deployment]";
const COREDNS = "kube-system/coredns[Deployment]";
const CARD_NETWORK = "203.0.113.0/24";

describe("the example guardrails (test/fixtures/admin, shown in docs/admin-policies.md)", async () => {
  const anp = await fixture("anp");
  const cnp = await fixture("cnp");
  const reach = connections(anp);
  const get = (src: string, dst: string) => reach.get(`${src} => ${dst}`) ?? "No Connections";

  it("load without findings: four AdminNetworkPolicy-API objects, four ClusterNetworkPolicies", () => {
    expect(anp.diagnostics).toEqual([]);
    expect(cnp.diagnostics).toEqual([]);
    expect(anp.adminPolicies.map((p) => `${p.kind} ${p.name}`)).toEqual([
      "AdminNetworkPolicy pci-isolation",
      "AdminNetworkPolicy monitoring",
      "AdminNetworkPolicy web-updates",
      "BaselineAdminNetworkPolicy default",
    ]);
    expect(cnp.adminPolicies.map((p) => `${p.tier} ${p.priority} ${p.name}`)).toEqual([
      "Admin 10 pci-isolation",
      "Admin 20 monitoring",
      "Admin 30 web-updates",
      "Baseline 10 prod-baseline",
    ]);
  });

  it("the PCI namespace accepts the shop API on 8443 and nothing else, not even the metrics scrape", () => {
    expect(get(API, GATEWAY)).toBe("TCP 8443");
    expect(get(WEB, GATEWAY)).toBe("No Connections");
    // pci-isolation (priority 10) denies before monitoring (priority 20) can allow the scrape.
    expect(get(PROMETHEUS, GATEWAY)).toBe("No Connections");
  });

  it("the PCI namespace reaches the card network on 443 and DNS, and nothing else", () => {
    expect(get(GATEWAY, CARD_NETWORK)).toBe("TCP 443");
    expect(get(GATEWAY, COREDNS)).toBe("TCP 53,UDP 53");
    expect(get(GATEWAY, API)).toBe("No Connections");
    expect(get(GATEWAY, "0.0.0.0-203.0.112.255")).toBe("No Connections");
    // networks 0.0.0.0/0 says nothing about IPv6.
    expect(get(GATEWAY, "::/0")).toBe("All Connections");
  });

  it("monitoring scrapes the metrics port; the rest is passed to the team's NetworkPolicy", () => {
    expect(get(PROMETHEUS, API)).toBe("TCP 9090");
    expect(get(WEB, API)).toBe("TCP 9000");
  });

  it("the baseline denies production ingress from outside production, where no NetworkPolicy decides", () => {
    expect(get(PROMETHEUS, WEB)).toBe("No Connections");
    expect(get(COREDNS, WEB)).toBe("No Connections");
    expect(get("[other pods]", WEB)).toBe("No Connections");
    expect(get(API, WEB)).toBe("All Connections");
    expect(get("0.0.0.0-203.0.112.255", WEB)).toBe("All Connections");
  });

  it("nodes and domainNames peers change nothing: web's egress is as if they were not written", () => {
    expect(get(WEB, CARD_NETWORK)).toBe("All Connections");
    expect(get(WEB, COREDNS)).toBe("All Connections");
  });

  it("ClusterNetworkPolicy (v1alpha2) written the same way gives the same reachability, pair for pair", () => {
    expect(connections(computeReachability(cnp))).toEqual(reach);
  });
});
