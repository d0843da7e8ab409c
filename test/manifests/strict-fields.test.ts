import { describe, expect, test } from "vitest";
import type { ManifestTree } from "../../src/model/tree.js";
import { load, onlyDiagnostic, yaml } from "./helpers.js";

/** Loads `text` as test.yaml: one error at `line` saying `message`, and the object left out of `left`. */
function expectRejected(
  text: string,
  expected: { line: number; message: string; left: (tree: ManifestTree) => readonly unknown[] },
): void {
  const tree = load(text);
  expect(onlyDiagnostic(tree)).toMatchObject({
    rule: "invalid-manifest",
    severity: "error",
    file: "test.yaml",
    line: expected.line,
    message: expected.message,
  });
  expect(expected.left(tree)).toEqual([]);
}

describe("strict field validation, like kubectl", () => {
  test("an unknown field under a peer's selector is an error at its line with a did-you-mean, and the policy is left out", () => {
    const tree = load(yaml`
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: { name: db, namespace: shop }
      spec:
        podSelector: { matchLabels: { app: db } }
        ingress:
          - from:
              - podSelector:
                  matchLabel: { app: api }
    `);
    expect(onlyDiagnostic(tree)).toEqual({
      rule: "invalid-manifest",
      severity: "error",
      file: "test.yaml",
      line: 9,
      message: 'spec.ingress[0].from[0].podSelector: unknown field "matchLabel"; did you mean matchLabels?',
      object: "NetworkPolicy shop/db",
    });
    expect(tree.policies).toEqual([]);
  });

  test("a misspelt podSelector rejects the policy instead of isolating every pod of the namespace", () => {
    expectRejected(
      yaml`
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: { name: p, namespace: shop }
      spec:
        podSelecter: { matchLabels: { app: db } }
        policyTypes: [Ingress]
    `,
      {
        line: 5,
        message: 'spec: unknown field "podSelecter"; did you mean podSelector?',
        left: (tree) => tree.policies,
      },
    );
  });

  test("an old-schema AdminNetworkPolicy peer is an unknown field, not all namespaces", () => {
    expectRejected(
      yaml`
      apiVersion: policy.networking.k8s.io/v1alpha1
      kind: AdminNetworkPolicy
      metadata: { name: deny-db }
      spec:
        priority: 10
        subject: { namespaces: {} }
        ingress:
          - action: Deny
            from:
              - namespaces:
                  namespaceSelector: { matchLabels: { team: red } }
    `,
      {
        line: 11,
        message: 'spec.ingress[0].from[0].namespaces: unknown field "namespaceSelector"',
        left: (tree) => tree.adminPolicies,
      },
    );
  });

  test("a BaselineAdminNetworkPolicy egress peer has no domainNames, unlike an AdminNetworkPolicy's", () => {
    const peer = "- action: Allow\n    to: [{ domainNames: [example.com] }]";
    const banp = load(
      `apiVersion: policy.networking.k8s.io/v1alpha1\nkind: BaselineAdminNetworkPolicy\nmetadata: { name: default }\nspec:\n  subject: { namespaces: {} }\n  egress:\n  ${peer}\n`,
    );
    expect(banp.diagnostics.map((d) => [d.line, d.message])).toEqual([
      [8, 'spec.egress[0].to[0]: unknown field "domainNames"'],
      [8, "spec.egress[0].to[0]: a peer needs one of namespaces, pods, nodes or networks"],
    ]);
    expect(banp.adminPolicies).toEqual([]);
    const anp = load(
      `apiVersion: policy.networking.k8s.io/v1alpha1\nkind: AdminNetworkPolicy\nmetadata: { name: a }\nspec:\n  priority: 1\n  subject: { namespaces: {} }\n  egress:\n  ${peer}\n`,
    );
    expect(anp.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(anp.adminPolicies).toHaveLength(1);
  });

  test("a suggestion is made only for a close name", () => {
    const tree = load(yaml`
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: { name: p, namespace: shop }
      spec:
        podSelector: {}
        description: everything
    `);
    expect(onlyDiagnostic(tree).message).toBe('spec: unknown field "description"');
  });

  test("an unknown field in metadata is an error, with the policy left out", () => {
    expectRejected(
      yaml`
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata:
        name: p
        namespace: shop
        lables: { app: x }
      spec: { podSelector: {} }
    `,
      {
        line: 6,
        message: 'metadata: unknown field "lables"; did you mean labels?',
        left: (tree) => tree.policies,
      },
    );
  });

  test("an unknown top-level field is an error", () => {
    expectRejected(
      yaml`
      apiVersion: v1
      kind: Namespace
      metadata: { name: shop }
      specs: {}
    `,
      { line: 4, message: 'unknown field "specs"; did you mean spec?', left: (tree) => tree.namespaces },
    );
  });

  test("an unknown field in a pod template rejects the workload", () => {
    expectRejected(
      yaml`
      apiVersion: apps/v1
      kind: Deployment
      metadata: { name: web, namespace: shop }
      spec:
        template:
          metadata: { labels: { app: web } }
          spec:
            containers:
              - name: web
                imagePullPolcy: Always
    `,
      {
        line: 10,
        message:
          'spec.template.spec.containers[0]: unknown field "imagePullPolcy"; did you mean imagePullPolicy?',
        left: (tree) => tree.workloads,
      },
    );
  });

  test("each controller kind accepts its own spec fields only", () => {
    const tree = load(yaml`
      apiVersion: apps/v1
      kind: StatefulSet
      metadata: { name: db, namespace: shop }
      spec:
        serviceName: db
        podManagementPolicy: Parallel
        template: { metadata: { labels: { app: db } } }
      ---
      apiVersion: apps/v1
      kind: Deployment
      metadata: { name: web, namespace: shop }
      spec:
        serviceName: web
        template: { metadata: { labels: { app: web } } }
    `);
    expect(onlyDiagnostic(tree)).toMatchObject({
      line: 13,
      message: 'spec: unknown field "serviceName"',
      object: "Deployment shop/web",
    });
    expect(tree.workloads.map((w) => w.name)).toEqual(["db"]);
  });

  test("an unknown field in a CronJob's job template is an error", () => {
    expectRejected(
      yaml`
      apiVersion: batch/v1
      kind: CronJob
      metadata: { name: nightly, namespace: shop }
      spec:
        schedule: "0 3 * * *"
        jobTemplate:
          spec:
            backoffLimits: 3
            template: { metadata: { labels: { app: nightly } } }
    `,
      {
        line: 8,
        message: 'spec.jobTemplate.spec: unknown field "backoffLimits"; did you mean backoffLimit?',
        left: (tree) => tree.workloads,
      },
    );
  });

  test("an unknown field in a Service port is an error and the Service is left out", () => {
    expectRejected(
      yaml`
      apiVersion: v1
      kind: Service
      metadata: { name: web, namespace: shop }
      spec:
        selector: { app: web }
        ports:
          - port: 80
            targetport: http
    `,
      {
        line: 8,
        message: 'spec.ports[0]: unknown field "targetport"; did you mean targetPort?',
        left: (tree) => tree.services,
      },
    );
  });

  test("legitimate fields the review never reads are accepted, status and managedFields included", () => {
    const tree = load(yaml`
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: web
        namespace: shop
        uid: 0b6c1c36-5d4e-4a38-9d4c-3c1b1f0a9a11
        resourceVersion: "42"
        generation: 3
        creationTimestamp: "2026-01-01T00:00:00Z"
        managedFields: [{ manager: kubectl, operation: Update }]
        finalizers: [example.com/keep]
      spec:
        replicas: 2
        revisionHistoryLimit: 5
        strategy: { type: RollingUpdate, rollingUpdate: { maxSurge: 1 } }
        selector: { matchLabels: { app: web } }
        template:
          metadata: { labels: { app: web }, annotations: { a: b } }
          spec:
            serviceAccountName: web
            securityContext: { runAsNonRoot: true }
            volumes: [{ name: tmp, emptyDir: {} }]
            tolerations: [{ operator: Exists }]
            containers:
              - name: web
                image: web:1
                args: [--port=8080]
                env: [{ name: A, value: b }]
                resources: { limits: { memory: 1Gi } }
                readinessProbe: { httpGet: { path: /, port: http } }
                securityContext: { readOnlyRootFilesystem: true }
                volumeMounts: [{ name: tmp, mountPath: /tmp }]
                ports: [{ name: http, containerPort: 8080, hostPort: 8080, hostIP: 0.0.0.0 }]
      status:
        replicas: 2
        anything: goes
      ---
      apiVersion: v1
      kind: Service
      metadata: { name: web, namespace: shop }
      spec:
        type: ClusterIP
        clusterIP: 10.0.0.1
        sessionAffinity: None
        selector: { app: web }
        ports: [{ name: http, port: 80, targetPort: http, appProtocol: http }]
      status: { loadBalancer: {} }
      ---
      apiVersion: v1
      kind: Namespace
      metadata: { name: shop }
      spec: { finalizers: [kubernetes] }
      status: { phase: Active }
    `);
    expect(tree.diagnostics).toEqual([]);
    expect(tree.workloads.map((w) => w.name)).toEqual(["web"]);
    expect(tree.services).toHaveLength(1);
    expect(tree.namespaces).toHaveLength(1);
  });

  test("a Pod linked to a Workload (spec.workloadRef, Kubernetes v1.35) is accepted", () => {
    const tree = load(yaml`
      apiVersion: v1
      kind: Pod
      metadata: { name: worker-0, namespace: some-ns, labels: { app: worker } }
      spec:
        workloadRef: { name: training-job-workload, podGroup: workers, podGroupReplicaKey: "0" }
        containers: [{ name: w, image: w:1 }]
    `);
    expect(tree.diagnostics).toEqual([]);
    expect(tree.workloads.map((w) => w.name)).toEqual(["worker-0"]);
  });

  test("every unknown field of an object is reported, each at its own line", () => {
    const tree = load(yaml`
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: { name: p, namespace: shop }
      spec:
        podSelector: {}
        ingres: []
        egres: []
    `);
    expect(tree.diagnostics.map((d) => [d.line, d.message])).toEqual([
      [6, 'spec: unknown field "ingres"; did you mean ingress?'],
      [7, 'spec: unknown field "egres"; did you mean egress?'],
    ]);
  });
});
