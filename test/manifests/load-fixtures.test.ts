import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { parseCidr } from "../../src/manifests/cidr.js";
import { loadManifests } from "../../src/manifests/load.js";
import { readDirectory } from "../../src/manifests/read-dir.js";
import { MATCH_ALL, makeSelector } from "../../src/model/selector.js";
import { FIXTURES } from "./helpers.js";

describe("the shop fixture (Namespace, Deployment, Service, NetworkPolicy, CronJob, ConfigMap)", async () => {
  const tree = loadManifests(await readDirectory(join(FIXTURES, "shop")));

  test("loads every file, sorted, without diagnostics", () => {
    expect(tree.files).toEqual(["jobs.yaml", "namespace.yaml", "web.yaml"]);
    expect(tree.diagnostics).toEqual([]);
  });

  test("kinds the analysis does not use are counted in skipped", () => {
    expect(tree.skipped).toEqual({ ConfigMap: 1 });
  });

  test("a Namespace keeps its labels and the line of its first key", () => {
    expect(tree.namespaces).toEqual([
      { name: "shop", labels: { team: "payments" }, source: { file: "namespace.yaml", line: 1 } },
    ]);
  });

  test("a Deployment gives its pod template's labels and the ports of containers and sidecars", () => {
    const web = tree.workloads.find((w) => w.name === "web");
    expect(web).toEqual({
      kind: "Deployment",
      namespace: "shop",
      name: "web",
      podLabels: { app: "web", tier: "frontend" },
      // The `migrate` init container runs to completion before the pod serves: its port is not open.
      ports: [
        { name: "http", port: 8080, protocol: "TCP" },
        { port: 5353, protocol: "UDP" },
        { name: "admin", port: 15000, protocol: "TCP" },
      ],
      // Line 1 is a comment; the object starts at `apiVersion` on line 2.
      source: { file: "web.yaml", line: 2 },
    });
  });

  test("a CronJob's pods come from spec.jobTemplate.spec.template", () => {
    expect(tree.workloads.find((w) => w.kind === "CronJob")).toEqual({
      kind: "CronJob",
      namespace: "shop",
      name: "report",
      podLabels: { app: "report" },
      ports: [{ name: "metrics", port: 9090, protocol: "TCP" }],
      source: { file: "jobs.yaml", line: 1 },
    });
  });

  test("a Service keeps its selector and the line of each port", () => {
    expect(tree.services).toEqual([
      {
        namespace: "shop",
        name: "web",
        selector: { app: "web" },
        ports: [
          { port: 80, targetPort: "http", protocol: "TCP", line: 46 },
          { port: 53, protocol: "UDP", line: 48 },
        ],
        source: { file: "web.yaml", line: 37 },
      },
    ]);
  });

  test("a NetworkPolicy is converted with the line of every rule, peer and port", () => {
    expect(tree.policies).toEqual([
      {
        namespace: "shop",
        name: "allow-web",
        annotations: { "netpol-review/why": "customers reach the shop through the ingress controller" },
        podSelector: makeSelector({ app: "web" }, undefined),
        policyTypes: ["ingress", "egress"],
        policyTypesDeclared: true,
        ingress: [
          {
            index: 0,
            line: 66,
            peers: [
              {
                type: "pods",
                namespaceSelector: makeSelector(
                  { "kubernetes.io/metadata.name": "ingress-nginx" },
                  undefined,
                ),
                podSelector: MATCH_ALL,
                line: 67,
              },
              {
                type: "pods",
                podSelector: makeSelector(undefined, [
                  { key: "tier", operator: "In", values: ["frontend", "backend"] },
                ]),
                line: 71,
              },
            ],
            ports: [
              { protocol: "TCP", port: "http", line: 77 },
              { protocol: "TCP", port: 8000, endPort: 8100, line: 78 },
            ],
          },
        ],
        egress: [
          {
            index: 0,
            line: 82,
            peers: [
              {
                type: "ipBlock",
                cidr: parseCidr("10.0.0.0/8"),
                except: [parseCidr("10.1.0.0/16")],
                line: 83,
              },
            ],
            ports: null,
          },
          { index: 1, line: 87, peers: null, ports: null },
        ],
        source: { file: "web.yaml", line: 51 },
      },
    ]);
  });

  test("a peer that only has podSelector leaves namespaceSelector undefined (the policy's namespace)", () => {
    const peer = tree.policies[0]?.ingress[0]?.peers?.[1];
    expect(peer).toBeDefined();
    expect(peer).not.toHaveProperty("namespaceSelector");
  });
});

describe("the lists fixture (a JSON PodList and a YAML List)", async () => {
  const tree = loadManifests(await readDirectory(join(FIXTURES, "lists")));

  test("every item of a List is an object, with positions inside the items", () => {
    expect(tree.files).toEqual(["mixed.yaml", "pods.json"]);
    expect(tree.diagnostics).toEqual([]);
    expect(tree.namespaces).toEqual([
      { name: "billing", labels: {}, source: { file: "mixed.yaml", line: 4 } },
    ]);
    expect(tree.policies.map((p) => [p.namespace, p.name, p.source])).toEqual([
      ["billing", "deny-all", { file: "mixed.yaml", line: 13 }],
    ]);
  });

  test("a List item that is not an object is ignored and other kinds are counted, not the List itself", () => {
    expect(tree.skipped).toEqual({ Secret: 1 });
  });

  test("JSON positions: an item's source is the line of its first key, not of its opening brace", () => {
    expect(tree.workloads.map((w) => [w.name, w.source])).toEqual([
      ["web-7d9f-abcde", { file: "pods.json", line: 6 }],
      ["db-0", { file: "pods.json", line: 20 }],
    ]);
  });

  test("a Pod's owner is the ownerReference with controller: true", () => {
    const pod = tree.workloads.find((w) => w.name === "web-7d9f-abcde");
    expect(pod).toMatchObject({
      kind: "Pod",
      namespace: "shop",
      podLabels: { app: "web" },
      ports: [{ name: "http", port: 8080, protocol: "TCP" }],
      owner: { kind: "ReplicaSet", name: "web-7d9f" },
    });
  });

  test("an item of a PodList without apiVersion and kind is a Pod, owned by its first ownerReference when none is the controller", () => {
    const pod = tree.workloads.find((w) => w.name === "db-0");
    expect(pod).toEqual({
      kind: "Pod",
      namespace: "shop",
      name: "db-0",
      podLabels: { app: "db" },
      ports: [],
      owner: { kind: "StatefulSet", name: "db" },
      source: { file: "pods.json", line: 20 },
    });
  });
});
