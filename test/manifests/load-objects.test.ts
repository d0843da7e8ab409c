import { describe, expect, test } from "vitest";
import { loadManifests } from "../../src/manifests/load.js";
import { WORKLOAD_KINDS, type WorkloadKind } from "../../src/model/workload.js";
import { load, only, sourceFile, yaml } from "./helpers.js";

const TEMPLATE = `
  template:
    metadata:
      labels:
        app: demo
    spec:
      containers:
        - name: main
          ports:
            - name: http
              containerPort: 8080`;

/** The smallest manifest of each workload kind whose pods are labelled app=demo with port http/8080. */
function workloadManifest(kind: WorkloadKind): string {
  const apiVersion =
    kind === "Pod" || kind === "ReplicationController" ? "v1" : kind.endsWith("Job") ? "batch/v1" : "apps/v1";
  const head = `apiVersion: ${apiVersion}\nkind: ${kind}\nmetadata:\n  name: demo\n  namespace: apps\n`;
  if (kind === "Pod") {
    return `${head}  labels:\n    app: demo\nspec:\n  containers:\n    - name: main\n      ports:\n        - name: http\n          containerPort: 8080\n`;
  }
  if (kind === "CronJob") {
    return `${head}spec:\n  jobTemplate:\n    spec:${TEMPLATE.replace(/\n/g, "\n    ")}\n`;
  }
  return `${head}spec:${TEMPLATE}\n`;
}

describe("workloads", () => {
  test.each(WORKLOAD_KINDS)("a %s contributes its pods' labels and container ports", (kind) => {
    const tree = load(workloadManifest(kind));
    expect(tree.diagnostics).toEqual([]);
    expect(only(tree.workloads)).toEqual({
      kind,
      namespace: "apps",
      name: "demo",
      podLabels: { app: "demo" },
      ports: [{ name: "http", port: 8080, protocol: "TCP" }],
      source: { file: "test.yaml", line: 1 },
    });
  });

  test("a workload without a pod template is still a workload, with no labels and no ports", () => {
    const tree = load("apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: empty\n");
    expect(tree.diagnostics).toEqual([]);
    expect(only(tree.workloads)).toMatchObject({
      kind: "Deployment",
      namespace: "default",
      podLabels: {},
      ports: [],
    });
  });

  test("a workload of an old API group (extensions/v1beta1) is still loaded", () => {
    const tree = load(workloadManifest("Deployment").replace("apps/v1", "extensions/v1beta1"));
    expect(only(tree.workloads).kind).toBe("Deployment");
  });

  test('a workload with namespace "" is in default, like one without a namespace', () => {
    const tree = load(workloadManifest("Deployment").replace("namespace: apps", 'namespace: ""'));
    expect(only(tree.workloads).namespace).toBe("default");
  });

  test("a Pod without ownerReferences has no owner", () => {
    expect(only(load(workloadManifest("Pod")).workloads)).not.toHaveProperty("owner");
  });

  test("the labels of a Deployment itself are not its pods' labels", () => {
    const tree = load(
      workloadManifest("Deployment").replace(
        "  namespace: apps\n",
        "  namespace: apps\n  labels:\n    app: other\n",
      ),
    );
    expect(only(tree.workloads).podLabels).toEqual({ app: "demo" });
  });
});

describe("object kinds", () => {
  test("documents that are not Kubernetes objects are skipped silently", () => {
    const tree = load(yaml`
      # only a comment
      ---
      ---
      null
      ---
      just a string
      ---
      - a
      - list
      ---
      kind: Deployment
      metadata: {name: no-api-version}
      ---
      apiVersion: v1
      metadata: {name: no-kind}
      ---
      apiVersion: v1
      kind: 42
    `);
    expect(tree).toMatchObject({
      workloads: [],
      policies: [],
      namespaces: [],
      services: [],
      diagnostics: [],
      skipped: {},
    });
  });

  test("objects of other kinds are counted in skipped by kind", () => {
    const tree = load(yaml`
      apiVersion: v1
      kind: ConfigMap
      metadata: {name: a}
      ---
      apiVersion: v1
      kind: ServiceAccount
      metadata: {name: b}
      ---
      apiVersion: v1
      kind: ConfigMap
      metadata: {name: c}
      ---
      apiVersion: networking.k8s.io/v1
      kind: Ingress
      metadata: {name: d}
    `);
    expect(tree.skipped).toEqual({ ConfigMap: 2, ServiceAccount: 1, Ingress: 1 });
  });

  test("a NetworkPolicy of another API group is a skipped kind named with its apiVersion", () => {
    const tree = load(yaml`
      apiVersion: crd.projectcalico.org/v1
      kind: NetworkPolicy
      metadata: {name: calico}
      spec: {selector: all()}
    `);
    expect(tree.policies).toEqual([]);
    expect(tree.skipped).toEqual({ "NetworkPolicy (crd.projectcalico.org/v1)": 1 });
  });

  test("a Service of another API group (Knative) is a skipped kind named with its apiVersion", () => {
    const tree = load("apiVersion: serving.knative.dev/v1\nkind: Service\nmetadata: {name: hello}\n");
    expect(tree.services).toEqual([]);
    expect(tree.skipped).toEqual({ "Service (serving.knative.dev/v1)": 1 });
  });

  test("an AdminNetworkPolicy of an API version that does not define the kind is a skipped kind named with it", () => {
    const tree = load(yaml`
      apiVersion: policy.networking.k8s.io/v1alpha2
      kind: AdminNetworkPolicy
      metadata: {name: a}
    `);
    expect(tree.adminPolicies).toEqual([]);
    expect(tree.skipped).toEqual({ "AdminNetworkPolicy (policy.networking.k8s.io/v1alpha2)": 1 });
  });

  test("a Namespace ignores metadata.namespace and an empty one has no labels", () => {
    const tree = load("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n  namespace: ignored\n");
    expect(tree.namespaces).toEqual([{ name: "shop", labels: {}, source: { file: "test.yaml", line: 1 } }]);
  });

  test("a Service without a selector, or with an empty one, selects no pods and has no selector", () => {
    const tree = load(yaml`
      apiVersion: v1
      kind: Service
      metadata: {name: external}
      spec:
        ports: [{port: 443}]
      ---
      apiVersion: v1
      kind: Service
      metadata: {name: empty}
      spec:
        selector: {}
    `);
    expect(tree.services).toEqual([
      {
        namespace: "default",
        name: "external",
        ports: [{ port: 443, protocol: "TCP", line: 5 }],
        source: { file: "test.yaml", line: 1 },
      },
      { namespace: "default", name: "empty", ports: [], source: { file: "test.yaml", line: 7 } },
    ]);
  });

  test("a label written with no value is the empty label, as the API server decodes it", () => {
    const tree = load("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n  labels:\n    team:\n");
    expect(only(tree.namespaces).labels).toEqual({ team: "" });
  });

  test("files lists every path given, in order, even those with errors or no objects", () => {
    const tree = loadManifests([
      sourceFile("b.yaml", "kind: [broken"),
      sourceFile("a.json", "{}"),
      { path: "big.yaml", size: 10_000_000, content: null },
    ]);
    expect(tree.files).toEqual(["b.yaml", "a.json", "big.yaml"]);
  });
});

describe("duplicates", () => {
  const deployment = (namespace: string, name: string, kind = "Deployment"): string =>
    `apiVersion: apps/v1\nkind: ${kind}\nmetadata:\n  name: ${name}\n  namespace: ${namespace}\n`;

  test("a second workload with the same kind, namespace and name is dropped with a warning naming the first", () => {
    const tree = load({
      "a.yaml": deployment("shop", "web"),
      "b.yaml": `# again\n${deployment("shop", "web")}`,
    });
    expect(only(tree.workloads).source).toEqual({ file: "a.yaml", line: 1 });
    const warning = only(tree.diagnostics);
    expect(warning).toMatchObject({
      rule: "invalid-manifest",
      severity: "warning",
      file: "b.yaml",
      line: 2,
      object: "Deployment shop/web",
    });
    expect(warning.message).toContain("a.yaml:1");
  });

  test("the same name in another namespace or of another kind is not a duplicate", () => {
    const tree = load(
      [deployment("shop", "web"), deployment("lab", "web"), deployment("shop", "web", "StatefulSet")].join(
        "---\n",
      ),
    );
    expect(tree.workloads).toHaveLength(3);
    expect(tree.diagnostics).toEqual([]);
  });

  test("duplicate NetworkPolicies are all kept (a lint rule reports them)", () => {
    const np = "apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: p\n";
    const tree = load({ "a.yaml": np, "b.yaml": np });
    expect(tree.policies.map((p) => p.source.file)).toEqual(["a.yaml", "b.yaml"]);
    expect(tree.diagnostics).toEqual([]);
  });

  test("a Namespace or Service defined twice keeps the first, with a warning", () => {
    const tree = load(yaml`
      apiVersion: v1
      kind: Namespace
      metadata: {name: shop, labels: {v: "1"}}
      ---
      apiVersion: v1
      kind: Namespace
      metadata: {name: shop, labels: {v: "2"}}
      ---
      apiVersion: v1
      kind: Service
      metadata: {name: web}
      ---
      apiVersion: v1
      kind: Service
      metadata: {name: web}
    `);
    expect(only(tree.namespaces).labels).toEqual({ v: "1" });
    expect(tree.services).toHaveLength(1);
    expect(tree.diagnostics.map((d) => [d.severity, d.line, d.object])).toEqual([
      ["warning", 5, "Namespace shop"],
      ["warning", 13, "Service default/web"],
    ]);
  });
});
