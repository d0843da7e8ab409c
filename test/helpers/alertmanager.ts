/**
 * kube-prometheus in miniature (its commit 3f3b56e2 lets the Alertmanager replicas gossip): the
 * StatefulSet prometheus-operator creates for Alertmanager `main`, and the policy for its pods.
 */
export const ALERTMANAGER = "monitoring/alertmanager-main[StatefulSet]";

export const ALERTMANAGER_STATEFULSET = `
apiVersion: apps/v1
kind: StatefulSet
metadata: { name: alertmanager-main, namespace: monitoring }
spec:
  template:
    metadata: { labels: { app.kubernetes.io/name: alertmanager } }
    spec:
      containers:
      - name: alertmanager
        image: i
        ports: [{ name: web, containerPort: 9093 }, { name: mesh-tcp, containerPort: 9094 }]
---
`;

/** Ingress rule 2 of `alertmanagerPolicy`: the replicas' gossip, TCP and UDP 9094. */
export const GOSSIP_RULE = `  - from: [{ podSelector: { matchLabels: { app.kubernetes.io/name: alertmanager } } }]
    ports: [{ port: 9094, protocol: TCP }, { port: 9094, protocol: UDP }]`;

/** Rule 1 admits the Prometheus pods on 9093; `extraRules` follow it. */
export const alertmanagerPolicy = (extraRules = "") => `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: alertmanager-main, namespace: monitoring }
spec:
  podSelector: { matchLabels: { app.kubernetes.io/name: alertmanager } }
  policyTypes: [Ingress]
  ingress:
  - from: [{ podSelector: { matchLabels: { app.kubernetes.io/name: prometheus } } }]
    ports: [{ port: 9093 }]
${extraRules}
---
`;
