import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "vitest";
import { loadManifests } from "../../src/manifests/load.js";
import { readDirectory } from "../../src/manifests/read-dir.js";
import type { ManifestTree } from "../../src/model/tree.js";
import { describeWithPeers, PEER } from "../helpers/peers.js";

/** netpol-analyzer's test inputs: real-world trees, error cases included (see its SOURCE.md). */
const TESTS = join(PEER, "tests");

/** Manifest files under `dir`, counted without the code under test. */
function countManifestFiles(dir: string): number {
  let count = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory() && !entry.name.startsWith(".") && entry.name !== "node_modules") {
      count += countManifestFiles(join(dir, entry.name));
    } else if (entry.isFile() && /\.(yaml|yml|json)$/.test(entry.name)) {
      count += 1;
    }
  }
  return count;
}

async function loadPeer(name: string): Promise<ManifestTree> {
  return loadManifests(await readDirectory(join(TESTS, name)));
}

describeWithPeers("netpol-analyzer's test trees", () => {
  test("every directory loads without an exception and with every manifest file read", async () => {
    const dirs = readdirSync(TESTS, { withFileTypes: true }).filter((e) => e.isDirectory());
    expect(dirs.length).toBeGreaterThan(300);
    for (const dir of dirs) {
      const tree = loadManifests(await readDirectory(join(TESTS, dir.name)));
      expect(tree.files.length, dir.name).toBe(countManifestFiles(join(TESTS, dir.name)));
    }
  });

  test("onlineboutique: the 12 pods are owned by the ReplicaSets netpol-analyzer reports, next to 11 policies and 5 namespaces", async () => {
    const tree = await loadPeer("onlineboutique");
    const expected = JSON.parse(
      readFileSync(join(TESTS, "onlineboutique", "connlist_output.json"), "utf8"),
    ) as {
      src: string;
      dst: string;
    }[];
    const replicaSets = new Set(
      expected
        .flatMap((c) => [c.src, c.dst])
        .flatMap((peer) => /^default\/(.+)\[ReplicaSet\]$/.exec(peer)?.[1] ?? []),
    );
    expect(replicaSets.size).toBe(12);
    expect(tree.diagnostics).toEqual([]);
    expect(tree.workloads.every((w) => w.kind === "Pod" && w.owner?.kind === "ReplicaSet")).toBe(true);
    expect(new Set(tree.workloads.map((w) => w.owner?.name))).toEqual(replicaSets);
    expect(tree.policies).toHaveLength(11);
    expect(tree.namespaces).toHaveLength(5);
  });

  test("acs-security-demos-added-workloads: a tab inside a flow list, which kubectl accepts, loses no Deployment", async () => {
    const tree = await loadPeer("acs-security-demos-added-workloads");
    // The diff netpol-analyzer expects names payments/gateway and payments/visa-processor-v2, whose files hold such tabs.
    const names = tree.workloads.map((w) => `${w.namespace}/${w.name}`);
    expect(names).toEqual(
      expect.arrayContaining(["frontend/webapp", "payments/gateway", "payments/visa-processor-v2"]),
    );
    expect(tree.workloads).toHaveLength(14);
    expect(tree.policies).toHaveLength(18);
    expect(tree.namespaces).toHaveLength(4);
    expect(tree.services).toHaveLength(13);
    expect(tree.skipped).toEqual({
      ClusterRoleBinding: 1,
      ConfigMap: 4,
      Role: 1,
      RoleBinding: 3,
      Route: 4,
      Secret: 1,
      ServiceAccount: 4,
    });
    // Both visa-processor files define Service payments/visa-processor-service; "-v2/" sorts before "/".
    expect(tree.diagnostics).toEqual([
      expect.objectContaining({
        severity: "warning",
        file: "payments/visa-processor/deployment.yaml",
        line: 81,
        object: "Service payments/visa-processor-service",
        message: expect.stringContaining("payments/visa-processor-v2/deployment.yaml:62"),
      }),
    ]);
  });

  test("document_with_syntax_error: the unescaped quotes on line 225 are a finding, not an exception", async () => {
    const tree = await loadPeer("document_with_syntax_error");
    expect(tree.diagnostics).toContainEqual(
      expect.objectContaining({ file: "document_with_syntax_error.yaml", line: 225, severity: "error" }),
    );
  });
});
