import { describe, expect, it } from "vitest";
import { tree } from "../../helpers/trees.js";

const resource = (kind: string, name: string, spec = "{}", apiVersion = "monitoring.coreos.com/v1") => `
apiVersion: ${apiVersion}
kind: ${kind}
metadata: { name: ${name}, namespace: monitoring }
spec: ${spec}
---
`;

describe("prometheus-operator resources become the StatefulSets the operator creates", () => {
  it("an Alertmanager is StatefulSet alertmanager-<name> with the operator's reserved labels, podMetadata labels and mesh ports", () => {
    const t = tree(
      resource(
        "Alertmanager",
        "main",
        "{ replicas: 3, podMetadata: { labels: { team: obs, alertmanager: other } } }",
      ),
    );
    expect(t.diagnostics).toEqual([]);
    expect(t.workloads).toEqual([
      expect.objectContaining({
        kind: "StatefulSet",
        namespace: "monitoring",
        name: "alertmanager-main",
        // Reserved labels win over podMetadata's.
        podLabels: {
          team: "obs",
          alertmanager: "main",
          "app.kubernetes.io/name": "alertmanager",
          "app.kubernetes.io/instance": "main",
          "app.kubernetes.io/managed-by": "prometheus-operator",
        },
        ports: [
          { name: "web", port: 9093, protocol: "TCP" },
          { name: "mesh-tcp", port: 9094, protocol: "TCP" },
          { name: "mesh-udp", port: 9094, protocol: "UDP" },
          { name: "reloader-web", port: 8080, protocol: "TCP" },
        ],
        source: { file: "manifests.yaml", line: 2 },
      }),
    ]);
  });

  it("a Prometheus is one StatefulSet per shard, with shard labels, web 9090 and the Thanos sidecar's ports", () => {
    const t = tree(resource("Prometheus", "k8s", "{ shards: 2, portName: http-web, thanos: {} }"));
    expect(t.workloads.map((w) => [w.name, w.podLabels["operator.prometheus.io/shard"]])).toEqual([
      ["prometheus-k8s", "0"],
      ["prometheus-k8s-shard-1", "1"],
    ]);
    expect(t.workloads[0]?.podLabels).toMatchObject({
      "app.kubernetes.io/name": "prometheus",
      prometheus: "k8s",
      "operator.prometheus.io/name": "k8s",
    });
    expect(t.workloads[0]?.ports).toEqual([
      { name: "http-web", port: 9090, protocol: "TCP" },
      { name: "reloader-web", port: 8080, protocol: "TCP" },
      { name: "http", port: 10902, protocol: "TCP" },
      { name: "grpc", port: 10901, protocol: "TCP" },
    ]);
  });

  it("a ThanosRuler is StatefulSet thanos-ruler-<name> with grpc 10901 and web 10902", () => {
    const [w] = tree(resource("ThanosRuler", "rules")).workloads;
    expect(w?.name).toBe("thanos-ruler-rules");
    expect(w?.podLabels).toMatchObject({ "app.kubernetes.io/name": "thanos-ruler", "thanos-ruler": "rules" });
    expect(w?.ports.map((p) => `${p.name}/${p.port}`)).toEqual([
      "grpc/10901",
      "web/10902",
      "reloader-web/8080",
    ]);
  });

  it("a resource of another API group with the same kind is not a workload", () => {
    const t = tree(resource("Prometheus", "k8s", "{}", "example.com/v1"));
    expect(t.workloads).toEqual([]);
    expect(t.skipped).toEqual({ Prometheus: 1 });
  });

  it("a resource without a name is reported at its line and left out", () => {
    const t = tree(
      "apiVersion: monitoring.coreos.com/v1\nkind: Alertmanager\nmetadata: { namespace: monitoring }\n",
    );
    expect(t.workloads).toEqual([]);
    expect(t.diagnostics).toEqual([expect.objectContaining({ rule: "invalid-manifest", line: 3 })]);
  });
});
