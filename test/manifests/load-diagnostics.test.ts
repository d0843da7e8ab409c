import { describe, expect, test } from "vitest";
import { loadManifests } from "../../src/manifests/load.js";
import type { ManifestTree } from "../../src/model/tree.js";
import { load, onlyDiagnostic, yaml } from "./helpers.js";

/** A NetworkPolicy shop/p in `test.yaml`; `spec` lines start at line 7. */
function policyWithSpec(spec: string): ManifestTree {
  return load(`apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: p
  namespace: shop
spec:
${spec}
`);
}

/** Asserts one error on `line` of test.yaml whose message contains `text`, and that the policy was excluded. */
function expectPolicyError(tree: ManifestTree, line: number, text: string): void {
  const finding = onlyDiagnostic(tree);
  expect(finding).toMatchObject({
    rule: "invalid-manifest",
    severity: "error",
    file: "test.yaml",
    line,
    object: "NetworkPolicy shop/p",
  });
  expect(finding.message).toContain(text);
  expect(tree.policies).toEqual([]);
}

describe("YAML problems", () => {
  test("a YAML syntax error is reported with its line and the next document is still loaded", () => {
    const tree = load(yaml`
      apiVersion: v1
      kind: Namespace
      metadata:
        name: a: b
      ---
      apiVersion: v1
      kind: Namespace
      metadata:
        name: fine
    `);
    expect(tree.namespaces.map((n) => n.name)).toEqual(["fine"]);
    const finding = onlyDiagnostic(tree);
    expect(finding).toMatchObject({
      rule: "invalid-manifest",
      severity: "error",
      file: "test.yaml",
      line: 4,
    });
    expect(finding.message).toBe(
      "YAML syntax error: Nested mappings are not allowed in compact mappings; document not loaded",
    );
  });

  test("each YAML error of a document is one finding with its own line", () => {
    const tree = load(yaml`
      apiVersion: v1
      kind: Namespace
      metadata:
        name: a: b
        labels:
          team: c: d
    `);
    // Lines 4 and 6 both nest a mapping in a compact one.
    expect(tree.diagnostics.map((d) => d.line)).toEqual([4, 6]);
    expect(tree.namespaces).toEqual([]);
  });

  test("a duplicate key is reported on the second key and its document is not loaded", () => {
    const tree = load(yaml`
      apiVersion: v1
      kind: Namespace
      metadata:
        name: a
        labels: {}
        name: b
    `);
    const finding = onlyDiagnostic(tree);
    expect(finding).toMatchObject({ file: "test.yaml", line: 6, severity: "error" });
    expect(finding.message).toContain('duplicate key "name"');
    expect(tree.namespaces).toEqual([]);
  });

  test("past 20 errors in one document, the rest are counted in one finding", () => {
    const tree = load({ "brackets.yaml": "[".repeat(10_000) });
    expect(tree.diagnostics).toHaveLength(21);
    expect(tree.diagnostics[20]?.message).toMatch(/^\d+ more YAML errors in this document$/);
  });

  test("a YAML alias bomb (billion laughs) is a finding, not a hang", () => {
    const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 10; i++) {
      const prev = String.fromCharCode(96 + i);
      const name = String.fromCharCode(97 + i);
      levels.push(`${name}: &${name} [${Array(9).fill(`*${prev}`).join(",")}]`);
    }
    const tree = load({
      "bomb.yaml": `apiVersion: v1\nkind: Namespace\nmetadata: {name: lol}\ndata:\n  ${levels.join("\n  ")}\n`,
    });
    const finding = onlyDiagnostic(tree);
    expect(finding).toMatchObject({ file: "bomb.yaml", line: 1, severity: "error" });
    expect(finding.message).toContain("aliases");
  });

  test("aliases used normally are resolved", () => {
    const tree = load(yaml`
      apiVersion: v1
      kind: List
      items:
        - apiVersion: v1
          kind: Namespace
          metadata:
            name: shop
            labels: &labels {team: a}
        - apiVersion: v1
          kind: Namespace
          metadata:
            name: lab
            labels: *labels
    `);
    expect(tree.diagnostics).toEqual([]);
    expect(tree.namespaces.map((n) => n.labels)).toEqual([{ team: "a" }, { team: "a" }]);
  });
});

describe("file limits", () => {
  test("a file not read because it is too large (content: null) is one finding at line 1 with its size", () => {
    const tree = loadManifests([{ path: "dump.yaml", size: 7_549_747, content: null }]);
    expect(onlyDiagnostic(tree)).toEqual({
      rule: "invalid-manifest",
      severity: "error",
      file: "dump.yaml",
      line: 1,
      message: "file is 7.2 MB, larger than the 5 MB limit; not read",
    });
    expect(tree.files).toEqual(["dump.yaml"]);
  });

  test("content longer than maxFileBytes is not parsed; other files still are", () => {
    const content = "apiVersion: v1\nkind: Namespace\nmetadata: {name: shop}\n";
    const tree = load({ "ns.yaml": content, "small.yaml": "{}" }, { maxFileBytes: 20 });
    expect(tree.namespaces).toEqual([]);
    expect(tree.files).toEqual(["ns.yaml", "small.yaml"]);
    expect(onlyDiagnostic(tree)).toMatchObject({
      file: "ns.yaml",
      line: 1,
      message: `file is ${content.length} bytes, larger than the 20 bytes limit; not read`,
    });
  });
});

describe("NetworkPolicy fields", () => {
  test("port 0 is out of range", () => {
    expectPolicyError(
      policyWithSpec("  ingress:\n    - ports:\n        - port: 0"),
      9,
      "port 0 is out of range 1-65535",
    );
  });

  test("port 70000 is out of range", () => {
    const tree = policyWithSpec("  egress:\n    - ports:\n        - protocol: UDP\n          port: 70000");
    expectPolicyError(tree, 10, "port 70000 is out of range 1-65535");
    expect(tree.diagnostics[0]?.message).toContain("spec.egress[0].ports[0].port");
  });

  test("protocol tcp is refused: protocols are case-sensitive", () => {
    expectPolicyError(
      policyWithSpec("  ingress:\n    - ports:\n        - port: 80\n          protocol: tcp"),
      10,
      '"tcp" is not a protocol; use TCP, UDP or SCTP',
    );
  });

  test.each([
    ["http_alt", "only lowercase letters, digits and '-'"],
    ["HTTP", "only lowercase letters, digits and '-'"],
    ["a-very-long-port-name", "longer than 15 characters"],
    ['"8080"', "at least one letter"],
    ["web--admin", "'--'"],
    ["-web", "begin or end with '-'"],
  ])("the named port %s is not a valid port name (%s)", (name, why) => {
    const tree = policyWithSpec(`  ingress:\n    - ports:\n        - port: ${name}`);
    expectPolicyError(tree, 9, `port name ${JSON.stringify(name.replace(/"/g, ""))} is not valid`);
    expect(tree.diagnostics[0]?.message).toContain(why);
  });

  test("a malformed CIDR is reported on its cidr line", () => {
    expectPolicyError(
      policyWithSpec("  egress:\n    - to:\n        - ipBlock:\n            cidr: 10.0.0.300/24"),
      10,
      '"10.0.0.300/24" is not a valid CIDR',
    );
  });

  test("an except that is not strictly inside its cidr is reported on the except entry", () => {
    const tree = policyWithSpec(
      yaml`
      egress:
        - to:
            - ipBlock:
                cidr: 10.0.0.0/16
                except:
                  - 10.0.1.0/24
                  - 10.1.0.0/24
    `.replace(/^/gm, "  "),
    );
    expectPolicyError(tree, 13, 'except "10.1.0.0/24" is not strictly inside cidr "10.0.0.0/16"');
  });

  test("an except equal to its cidr, or of the other IP family, is not strictly inside", () => {
    const tree = policyWithSpec(
      "  egress:\n    - to:\n        - ipBlock:\n            cidr: 10.0.0.0/8\n            except: [10.0.0.0/8, 'fd00::/8']",
    );
    expect(tree.diagnostics.map((d) => [d.line, d.message])).toEqual([
      [
        11,
        'spec.egress[0].to[0].ipBlock.except[0]: except "10.0.0.0/8" is not strictly inside cidr "10.0.0.0/8"',
      ],
      [
        11,
        'spec.egress[0].to[0].ipBlock.except[1]: except "fd00::/8" is not strictly inside cidr "10.0.0.0/8" (it is IPv6, the cidr IPv4)',
      ],
    ]);
  });

  test("an unknown selector operator", () => {
    const tree = policyWithSpec(
      yaml`
      podSelector:
        matchExpressions:
          - key: app
            operator: Equals
            values: [web]
    `.replace(/^/gm, "  "),
    );
    expectPolicyError(tree, 10, '"Equals" is not a selector operator; use In, NotIn, Exists or DoesNotExist');
  });

  test("In and NotIn need values", () => {
    const tree = policyWithSpec(
      "  podSelector:\n    matchExpressions:\n      - key: app\n        operator: NotIn\n        values: []",
    );
    expectPolicyError(tree, 11, "operator NotIn needs at least one value");
  });

  test("Exists and DoesNotExist take no values", () => {
    const tree = policyWithSpec(
      "  podSelector:\n    matchExpressions:\n      - key: app\n        operator: Exists\n        values: [web]",
    );
    expectPolicyError(tree, 11, "operator Exists takes no values");
  });

  test("a matchLabels value that is not a string (unquoted true) is refused with a hint to quote it", () => {
    const tree = policyWithSpec("  podSelector:\n    matchLabels:\n      canary: true");
    expectPolicyError(
      tree,
      9,
      "spec.podSelector.matchLabels.canary: must be a string, not the boolean true; put it in quotes",
    );
  });

  test("a matchLabels value 8080 and an expression value 1.10 are numbers, shown as written", () => {
    const tree = policyWithSpec(
      yaml`
      ingress:
        - from:
            - podSelector:
                matchLabels: {port: 8080}
                matchExpressions: [{key: version, operator: In, values: [1.10]}]
    `.replace(/^/gm, "  "),
    );
    expect(tree.diagnostics.map((d) => [d.line, d.message])).toEqual([
      [
        10,
        "spec.ingress[0].from[0].podSelector.matchLabels.port: must be a string, not the number 8080; put it in quotes",
      ],
      [
        11,
        "spec.ingress[0].from[0].podSelector.matchExpressions[0].values[0]: must be a string, not the number 1.10; put it in quotes",
      ],
    ]);
  });

  test("YAML 1.1 booleans such as yes are booleans for kubectl, so an unquoted yes label is refused", () => {
    const tree = policyWithSpec("  podSelector:\n    matchLabels:\n      enabled: yes");
    expectPolicyError(tree, 9, "must be a string, not yes (read as the boolean true); put it in quotes");
  });

  test("endPort below port", () => {
    expectPolicyError(
      policyWithSpec("  ingress:\n    - ports:\n        - port: 9000\n          endPort: 8000"),
      10,
      "endPort 8000 is below port 9000",
    );
  });

  test("endPort with a named port", () => {
    expectPolicyError(
      policyWithSpec("  ingress:\n    - ports:\n        - port: http\n          endPort: 8000"),
      10,
      'endPort cannot be used with the named port "http"',
    );
  });

  test("endPort without a port", () => {
    expectPolicyError(
      policyWithSpec("  ingress:\n    - ports:\n        - endPort: 8000"),
      9,
      "endPort needs a port",
    );
  });

  test("a peer that mixes ipBlock with a selector", () => {
    const tree = policyWithSpec(
      "  ingress:\n    - from:\n        - ipBlock: {cidr: 10.0.0.0/8}\n          podSelector: {}",
    );
    expectPolicyError(tree, 9, "a peer with ipBlock cannot also have podSelector or namespaceSelector");
  });

  test("a peer with neither a selector nor an ipBlock", () => {
    const tree = policyWithSpec("  ingress:\n    - from:\n        - {}\n        - podSelector:");
    expect(tree.diagnostics.map((d) => [d.line, d.message])).toEqual([
      [9, "spec.ingress[0].from[0]: a peer needs podSelector, namespaceSelector or ipBlock"],
      [10, "spec.ingress[0].from[1]: a peer needs podSelector, namespaceSelector or ipBlock"],
    ]);
  });

  test("an invalid policyTypes value", () => {
    expectPolicyError(
      policyWithSpec("  policyTypes:\n    - Ingress\n    - ingress"),
      9,
      '"ingress" is not a policy type; use Ingress or Egress',
    );
  });

  test("a non-string annotation value", () => {
    const tree = load(
      "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: p\n  namespace: shop\n  annotations:\n    replicas: 3\n",
    );
    expectPolicyError(tree, 7, "metadata.annotations.replicas: must be a string, not the number 3");
  });

  test("every problem of an object is reported, and other objects of the file are still loaded", () => {
    const tree = load(yaml`
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata:
        name: bad
      spec:
        ingress:
          - ports:
              - port: 0
              - protocol: ICMP
      ---
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata:
        name: good
    `);
    expect(tree.diagnostics.map((d) => [d.line, d.object])).toEqual([
      [8, "NetworkPolicy default/bad"],
      [9, "NetworkPolicy default/bad"],
    ]);
    expect(tree.policies.map((p) => p.name)).toEqual(["good"]);
  });
});

describe("other objects", () => {
  test("containerPort out of range is reported and the workload is kept without that port", () => {
    const tree = load(yaml`
      apiVersion: v1
      kind: Pod
      metadata:
        name: web
      spec:
        containers:
          - name: web
            ports:
              - containerPort: 65536
    `);
    const finding = onlyDiagnostic(tree);
    expect(finding).toMatchObject({
      file: "test.yaml",
      line: 9,
      object: "Pod default/web",
      severity: "error",
    });
    expect(finding.message).toContain(
      "spec.containers[0].ports[0].containerPort: containerPort 65536 is out of range 1-65535",
    );
    expect(finding.message).toContain("the port is ignored");
    expect(tree.workloads).toMatchObject([{ kind: "Pod", name: "web", ports: [] }]);
  });

  test("a non-string label value on a workload, shown as written (1.0, not 1)", () => {
    const tree = load(yaml`
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: web
        namespace: shop
      spec:
        template:
          metadata:
            labels:
              version: 1.0
    `);
    const finding = onlyDiagnostic(tree);
    expect(finding).toMatchObject({ file: "test.yaml", line: 10, object: "Deployment shop/web" });
    expect(finding.message).toBe(
      "spec.template.metadata.labels.version: must be a string, not the number 1.0; put it in quotes",
    );
  });

  test("a non-string label value on a namespace", () => {
    const tree = load("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n  labels:\n    tier: 1\n");
    const finding = onlyDiagnostic(tree);
    expect(finding).toMatchObject({ file: "test.yaml", line: 6, object: "Namespace shop" });
    expect(finding.message).toContain("metadata.labels.tier: must be a string, not the number 1");
    expect(tree.namespaces).toEqual([]);
  });

  test("an invalid label key and an invalid label value", () => {
    const tree = load(yaml`
      apiVersion: v1
      kind: Namespace
      metadata:
        name: shop
        labels:
          team@x: a
          owner: "a b"
    `);
    expect(tree.diagnostics.map((d) => [d.line, d.message])).toEqual([
      [6, expect.stringContaining('label key "team@x" is not valid')],
      [7, expect.stringContaining('label value "a b" is not valid')],
    ]);
  });

  test("a label key __proto__ is reported, not silently lost", () => {
    const tree = load(
      'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n  labels:\n    "__proto__": x\n',
    );
    expect(onlyDiagnostic(tree)).toMatchObject({
      line: 6,
      message: expect.stringContaining('key "__proto__" is not a valid key'),
    });
    expect(tree.namespaces).toEqual([]);
  });

  test("a missing metadata.name is reported at the metadata line", () => {
    const tree = load(yaml`
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        namespace: shop
      spec: {}
    `);
    const finding = onlyDiagnostic(tree);
    expect(finding).toMatchObject({ file: "test.yaml", line: 3, object: "Deployment shop/(unnamed)" });
    expect(finding.message).toBe("metadata.name: is required but missing");
    expect(tree.workloads).toEqual([]);
  });

  test("a workload named by metadata.generateName alone (a Helm or Argo CD hook Job) is loaded under that prefix", () => {
    const tree = load(yaml`
      apiVersion: batch/v1
      kind: Job
      metadata:
        generateName: migrate-
        namespace: shop
      spec:
        template:
          metadata: {labels: {app: migrate}}
          spec:
            restartPolicy: Never
            containers: [{name: m, image: x}]
    `);
    expect(tree.diagnostics).toEqual([]);
    expect(tree.workloads.map((w) => [w.kind, w.namespace, w.name])).toEqual([["Job", "shop", "migrate-"]]);
  });

  test("an empty generateName does not stand in for a missing name", () => {
    const tree = load("apiVersion: v1\nkind: Service\nmetadata:\n  generateName: ''\nspec: {}\n");
    expect(onlyDiagnostic(tree)).toMatchObject({ message: "metadata.name: is required but missing" });
  });

  test("a missing metadata is reported as a missing name at the object's line", () => {
    const tree = load("# a service\napiVersion: v1\nkind: Service\nspec: {}\n");
    expect(onlyDiagnostic(tree)).toMatchObject({
      line: 2,
      message: "metadata.name: is required but missing",
    });
  });

  test("a Service port out of range and an invalid targetPort name", () => {
    const tree = load(yaml`
      apiVersion: v1
      kind: Service
      metadata: {name: web, namespace: shop}
      spec:
        ports:
          - port: 0
          - port: 80
            targetPort: Web_Port
    `);
    expect(tree.diagnostics.map((d) => [d.line, d.object])).toEqual([
      [6, "Service shop/web"],
      [8, "Service shop/web"],
    ]);
    expect(tree.diagnostics[1]?.message).toContain('port name "Web_Port" is not valid');
    expect(tree.services).toEqual([]);
  });

  test("a value quoted in a message is cut to about 80 characters", () => {
    const long = "x".repeat(500);
    const tree = load(
      `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n  labels:\n    a: ${long}\n`,
    );
    const message = onlyDiagnostic(tree).message;
    expect(message).toContain(`"${"x".repeat(70)}`);
    expect(message).not.toContain("x".repeat(90));
    expect(message).toContain("…");
  });
});

describe("workload salvage", () => {
  test("a broken container port drops only that port: the other ports and the labels still count", () => {
    const tree = load(yaml`
      apiVersion: apps/v1
      kind: Deployment
      metadata: { name: web, namespace: shop }
      spec:
        template:
          metadata: { labels: { app: web } }
          spec:
            containers:
              - name: web
                ports:
                  - { name: http, containerPort: 8080 }
                  - { name: udps, containerport: 3535, protocol: UDP }
    `);
    const finding = onlyDiagnostic(tree);
    expect(finding).toMatchObject({ line: 12, severity: "error", object: "Deployment shop/web" });
    expect(finding.message).toBe(
      'spec.template.spec.containers[0].ports[1]: unknown field "containerport"; did you mean containerPort?; the port is ignored',
    );
    expect(tree.workloads).toMatchObject([
      { podLabels: { app: "web" }, ports: [{ name: "http", port: 8080 }] },
    ]);
  });

  test("an ownerReference without a kind is a warning and the pod stands on its own", () => {
    const tree = load(yaml`
      apiVersion: v1
      kind: Pod
      metadata:
        name: pod-1
        labels: { app: a }
        ownerReferences:
          - { name: internal-security, controller: true }
      spec: { containers: [{ name: c, image: i }] }
    `);
    const finding = onlyDiagnostic(tree);
    expect(finding).toMatchObject({ line: 7, severity: "warning" });
    expect(finding.message).toContain("the owner is ignored");
    expect(tree.workloads).toMatchObject([{ name: "pod-1", podLabels: { app: "a" } }]);
    expect(tree.workloads[0]?.owner).toBeUndefined();
  });

  test("a mirror pod owned by its Node has no workload owner", () => {
    const tree = load(yaml`
      apiVersion: v1
      kind: Pod
      metadata:
        name: etcd-minikube
        namespace: kube-system
        ownerReferences:
          - { apiVersion: v1, kind: Node, name: minikube, controller: true, uid: x }
      spec: { containers: [{ name: c, image: i }] }
    `);
    expect(tree.diagnostics).toEqual([]);
    expect(tree.workloads[0]?.owner).toBeUndefined();
  });

  test("a policy with a broken port is never salvaged: dropping part of it would widen it", () => {
    const tree = load(yaml`
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: { name: p, namespace: shop }
      spec:
        podSelector: {}
        ingress:
          - ports: [{ port: 70000 }]
    `);
    expect(onlyDiagnostic(tree).severity).toBe("error");
    expect(tree.policies).toEqual([]);
  });
});
