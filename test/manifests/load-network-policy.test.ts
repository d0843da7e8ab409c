import { describe, expect, test } from "vitest";
import type { NetworkPolicy } from "../../src/model/network-policy.js";
import { MATCH_ALL, makeSelector } from "../../src/model/selector.js";
import { load, only, yaml } from "./helpers.js";

/** A NetworkPolicy in namespace `shop` whose spec is `spec` (already indented by two spaces). */
function policy(spec: string): NetworkPolicy {
  const tree = load(`apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: p
  namespace: shop
spec:
${spec}
`);
  expect(tree.diagnostics).toEqual([]);
  return only(tree.policies);
}

describe("NetworkPolicy", () => {
  test("a missing podSelector selects every pod of the namespace", () => {
    expect(policy("  ingress: []").podSelector).toEqual(MATCH_ALL);
  });

  test("a missing spec is a policy that isolates every pod of the namespace for ingress", () => {
    const tree = load(yaml`
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata:
        name: deny-all
    `);
    expect(only(tree.policies)).toMatchObject({
      namespace: "default",
      podSelector: MATCH_ALL,
      policyTypes: ["ingress"],
      policyTypesDeclared: false,
      ingress: [],
      egress: [],
    });
  });

  test("without policyTypes a policy isolates ingress only, even with no ingress rules", () => {
    const p = policy("  podSelector: {}");
    expect(p.policyTypes).toEqual(["ingress"]);
    expect(p.policyTypesDeclared).toBe(false);
  });

  test("without policyTypes a non-empty egress list isolates egress too", () => {
    expect(policy("  egress:\n    - {}").policyTypes).toEqual(["ingress", "egress"]);
  });

  test("egress: [] does not isolate egress", () => {
    const p = policy("  egress: []");
    expect(p.policyTypes).toEqual(["ingress"]);
    expect(p.egress).toEqual([]);
  });

  test("policyTypes: [] is defaulted exactly like a missing list", () => {
    const p = policy("  policyTypes: []\n  egress:\n    - {}");
    expect(p.policyTypes).toEqual(["ingress", "egress"]);
    expect(p.policyTypesDeclared).toBe(false);
  });

  test("written policyTypes are taken as they are, and rules of an unlisted direction are still kept", () => {
    const p = policy(
      yaml`
      policyTypes: [Egress]
      ingress:
        - from:
            - podSelector: {}
    `.replace(/^/gm, "  "),
    );
    expect(p.policyTypes).toEqual(["egress"]);
    expect(p.policyTypesDeclared).toBe(true);
    expect(p.ingress).toHaveLength(1);
  });

  test("policyTypes listed twice or out of order give each direction once, ingress first", () => {
    expect(policy("  policyTypes: [Egress, Ingress]").policyTypes).toEqual(["ingress", "egress"]);
    expect(policy("  policyTypes: [Egress, Egress]").policyTypes).toEqual(["egress"]);
  });

  test("from: [] and a missing from both mean every peer", () => {
    const p = policy("  ingress:\n    - from: []\n    - ports: [{port: 80}]");
    expect(p.ingress.map((r) => r.peers)).toEqual([null, null]);
  });

  test("ports: [] and missing ports both mean every port", () => {
    const p = policy("  egress:\n    - ports: []\n    - to: [{podSelector: {}}]");
    expect(p.egress.map((r) => r.ports)).toEqual([null, null]);
  });

  test("a bare '-' rule (null) allows everything, like {}", () => {
    expect(policy("  ingress:\n    -\n    - {}").ingress).toEqual([
      { index: 0, peers: null, ports: null, line: 8 },
      { index: 1, peers: null, ports: null, line: 9 },
    ]);
  });

  test("a selector written {} matches all, while an absent one stays undefined", () => {
    const p = policy("  ingress:\n    - from:\n        - namespaceSelector: {}");
    const peer = only(only(p.ingress).peers ?? []);
    expect(peer).toEqual({ type: "pods", namespaceSelector: MATCH_ALL, line: 9 });
    expect(peer).not.toHaveProperty("podSelector");
  });

  test("a selector key with no value (null) is absent, as the API server decodes it", () => {
    const p = policy(
      "  ingress:\n    - from:\n        - podSelector: {matchLabels: {app: web}}\n          namespaceSelector:",
    );
    expect(only(only(p.ingress).peers ?? [])).toEqual({
      type: "pods",
      podSelector: makeSelector({ app: "web" }, undefined),
      line: 9,
    });
  });

  test("matchLabels and matchExpressions fold into one canonical selector", () => {
    const p = policy(
      yaml`
      podSelector:
        matchLabels: {app: web}
        matchExpressions:
          - {key: app, operator: In, values: [web]}
          - {key: legacy, operator: DoesNotExist}
    `.replace(/^/gm, "  "),
    );
    expect(p.podSelector).toEqual({
      requirements: [
        { key: "app", operator: "In", values: ["web"] },
        { key: "legacy", operator: "DoesNotExist", values: [] },
      ],
    });
  });

  test("a port without protocol is TCP; named ports and endPort ranges are kept", () => {
    const p = policy(
      "  ingress:\n    - ports:\n        - port: 80\n        - port: dns\n          protocol: UDP\n        - protocol: SCTP\n        - port: 8000\n          endPort: 9000",
    );
    expect(only(p.ingress).ports).toEqual([
      { protocol: "TCP", port: 80, line: 9 },
      { protocol: "UDP", port: "dns", line: 10 },
      { protocol: "SCTP", line: 12 },
      { protocol: "TCP", port: 8000, endPort: 9000, line: 13 },
    ]);
  });

  test("an ipBlock keeps its cidr and except list, IPv6 included", () => {
    const p = policy("  egress:\n    - to:\n        - ipBlock: {cidr: 'fd00::/8', except: ['fd00:1::/32']}");
    const peer = only(only(p.egress).peers ?? []);
    expect(peer).toMatchObject({
      type: "ipBlock",
      cidr: { family: 6, text: "fd00::/8", start: 0xfdn << 120n },
      except: [{ family: 6, text: "fd00:1::/32" }],
      line: 9,
    });
  });

  test("annotations keep their string values", () => {
    const tree = load(yaml`
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata:
        name: p
        annotations:
          owner: "team-a"
          reviewed: "2024-05-01"
    `);
    expect(only(tree.policies).annotations).toEqual({ owner: "team-a", reviewed: "2024-05-01" });
  });

  test("an unquoted date in an annotation stays the text written, as kubectl reads it", () => {
    const tree = load(
      "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: p\n  annotations:\n    reviewed: 2024-05-01\n",
    );
    expect(only(tree.policies).annotations).toEqual({ reviewed: "2024-05-01" });
  });

  test("objects without metadata.namespace are in default", () => {
    const tree = load("apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: p\n");
    expect(only(tree.policies).namespace).toBe("default");
  });
});
