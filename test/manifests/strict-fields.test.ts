import { describe, expect, test } from "vitest";
import { load, onlyDiagnostic, yaml } from "./helpers.js";

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
    const tree = load(yaml`
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: { name: p, namespace: shop }
      spec:
        podSelecter: { matchLabels: { app: db } }
        policyTypes: [Ingress]
    `);
    expect(onlyDiagnostic(tree)).toMatchObject({
      line: 5,
      message: 'spec: unknown field "podSelecter"; did you mean podSelector?',
    });
    expect(tree.policies).toEqual([]);
  });

  test("an old-schema AdminNetworkPolicy peer is an unknown field, not all namespaces", () => {
    const tree = load(yaml`
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
    `);
    expect(onlyDiagnostic(tree)).toMatchObject({
      severity: "error",
      line: 11,
      message: 'spec.ingress[0].from[0].namespaces: unknown field "namespaceSelector"',
      object: "AdminNetworkPolicy deny-db",
    });
    expect(tree.adminPolicies).toEqual([]);
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
    const tree = load(yaml`
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata:
        name: p
        namespace: shop
        lables: { app: x }
      spec: { podSelector: {} }
    `);
    expect(onlyDiagnostic(tree)).toMatchObject({
      line: 6,
      message: 'metadata: unknown field "lables"; did you mean labels?',
    });
    expect(tree.policies).toEqual([]);
  });

  test("an unknown top-level field is an error", () => {
    const tree = load(yaml`
      apiVersion: v1
      kind: Namespace
      metadata: { name: shop }
      specs: {}
    `);
    expect(onlyDiagnostic(tree)).toMatchObject({
      line: 4,
      message: 'unknown field "specs"; did you mean spec?',
      object: "Namespace shop",
    });
    expect(tree.namespaces).toEqual([]);
  });

  test("an unknown field in a pod template rejects the workload", () => {
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
                imagePullPolcy: Always
    `);
    expect(onlyDiagnostic(tree)).toMatchObject({
      line: 10,
      message:
        'spec.template.spec.containers[0]: unknown field "imagePullPolcy"; did you mean imagePullPolicy?',
      object: "Deployment shop/web",
    });
    expect(tree.workloads).toEqual([]);
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
    const tree = load(yaml`
      apiVersion: batch/v1
      kind: CronJob
      metadata: { name: nightly, namespace: shop }
      spec:
        schedule: "0 3 * * *"
        jobTemplate:
          spec:
            backoffLimits: 3
            template: { metadata: { labels: { app: nightly } } }
    `);
    expect(onlyDiagnostic(tree)).toMatchObject({
      line: 8,
      message: 'spec.jobTemplate.spec: unknown field "backoffLimits"; did you mean backoffLimit?',
    });
    expect(tree.workloads).toEqual([]);
  });

  test("an unknown field in a Service port is an error and the Service is left out", () => {
    const tree = load(yaml`
      apiVersion: v1
      kind: Service
      metadata: { name: web, namespace: shop }
      spec:
        selector: { app: web }
        ports:
          - port: 80
            targetport: http
    `);
    expect(onlyDiagnostic(tree)).toMatchObject({
      line: 8,
      message: 'spec.ports[0]: unknown field "targetport"; did you mean targetPort?',
    });
    expect(tree.services).toEqual([]);
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
