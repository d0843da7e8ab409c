import { describe, expect, it } from "vitest";
import { DELETED, mergeMapping } from "../../../src/manifests/kustomize/strategic-merge.js";

const merge = (kind: string, target: Record<string, unknown>, patch: Record<string, unknown>) =>
  mergeMapping(structuredClone(target), patch, { kind, path: [] });

const podSpec = (spec: Record<string, unknown>) => ({ spec: { template: { spec } } });

describe("strategic merge follows Kubernetes' merge keys", () => {
  it("containers merge by name: a patched container keeps its other fields", () => {
    const result = merge(
      "Deployment",
      podSpec({ containers: [{ name: "app", image: "a:1", args: ["x"] }] }),
      podSpec({ containers: [{ name: "app", image: "a:2" }] }),
    );
    expect(result).toEqual(podSpec({ containers: [{ name: "app", image: "a:2", args: ["x"] }] }));
  });

  // kubernetes-sigs/kustomize kyaml/yaml/merge2/element_test.go, "merge Element -- add Element
  // third" and "fourth" with ListIncreaseDirection prepend, as kustomize's patches use it.
  it("merged containers come in the patch's order: a new one before foo when the patch says so", () => {
    const dest = podSpec({ containers: [{ name: "foo", image: "foo:v0" }] });
    const bar = { name: "bar", image: "bar:v1", command: ["run2.sh"] };
    expect(
      merge("Deployment", dest, podSpec({ containers: [bar, { name: "foo", image: "foo:v1" }] })),
    ).toEqual(podSpec({ containers: [bar, { name: "foo", image: "foo:v1" }] }));
    expect(
      merge("Deployment", dest, podSpec({ containers: [{ name: "foo", image: "foo:v1" }, bar] })),
    ).toEqual(podSpec({ containers: [{ name: "foo", image: "foo:v1" }, bar] }));
  });

  // kyaml/yaml/walk/associative_sequence.go: with prepend, the patch's keys are listed first.
  it("a patched container moves before the containers the patch does not mention", () => {
    const result = merge(
      "Deployment",
      podSpec({ containers: [{ name: "a" }, { name: "b" }] }),
      podSpec({ containers: [{ name: "b", image: "b:2" }] }),
    );
    expect(result).toEqual(podSpec({ containers: [{ name: "b", image: "b:2" }, { name: "a" }] }));
  });

  it("a new container is added before the existing ones (kyaml's prepend)", () => {
    const result = merge(
      "Deployment",
      podSpec({ containers: [{ name: "app" }] }),
      podSpec({ containers: [{ name: "proxy" }] }),
    );
    expect(result).toEqual(podSpec({ containers: [{ name: "proxy" }, { name: "app" }] }));
  });

  it("container ports merge by containerPort, env by name, volumes by name", () => {
    const result = merge(
      "Deployment",
      podSpec({
        containers: [
          { name: "app", ports: [{ containerPort: 80, name: "http" }], env: [{ name: "A", value: "1" }] },
        ],
        volumes: [{ name: "data", emptyDir: {} }],
      }),
      podSpec({
        containers: [
          { name: "app", ports: [{ containerPort: 80, name: "web" }], env: [{ name: "A", value: "2" }] },
        ],
        volumes: [{ name: "data", emptyDir: { medium: "Memory" } }],
      }),
    );
    expect(result).toEqual(
      podSpec({
        containers: [
          { name: "app", ports: [{ containerPort: 80, name: "web" }], env: [{ name: "A", value: "2" }] },
        ],
        volumes: [{ name: "data", emptyDir: { medium: "Memory" } }],
      }),
    );
  });

  it("ports with the same containerPort but different protocols are different items", () => {
    const result = merge(
      "Pod",
      { spec: { containers: [{ name: "dns", ports: [{ containerPort: 53, protocol: "UDP" }] }] } },
      { spec: { containers: [{ name: "dns", ports: [{ containerPort: 53, protocol: "TCP" }] }] } },
    );
    expect(result).toEqual({
      spec: {
        containers: [
          {
            name: "dns",
            ports: [
              { containerPort: 53, protocol: "TCP" },
              { containerPort: 53, protocol: "UDP" },
            ],
          },
        ],
      },
    });
  });

  it("a Service's ports merge by port", () => {
    const result = merge(
      "Service",
      { spec: { ports: [{ port: 80, targetPort: 8080 }] } },
      { spec: { ports: [{ port: 80, name: "http" }] } },
    );
    expect(result).toEqual({ spec: { ports: [{ port: 80, targetPort: 8080, name: "http" }] } });
  });

  it("NetworkPolicy ingress and egress are replaced, never merged", () => {
    const result = merge(
      "NetworkPolicy",
      { spec: { ingress: [{ from: [{ podSelector: {} }] }, { ports: [{ port: 80 }] }], egress: [{}] } },
      { spec: { ingress: [{ ports: [{ port: 443 }] }] } },
    );
    expect(result).toEqual({ spec: { ingress: [{ ports: [{ port: 443 }] }], egress: [{}] } });
  });

  it("labels maps merge and a null value deletes a label", () => {
    const result = merge(
      "Pod",
      { metadata: { labels: { app: "a", tier: "web" } } },
      { metadata: { labels: { tier: null, env: "dev" } } },
    );
    expect(result).toEqual({ metadata: { labels: { app: "a", env: "dev" } } });
  });

  // kyaml/yaml/merge2/mergekeys_test.go TestMergeWithoutCustomMergeKeyReplacesLists.
  it("a custom resource's lists are replaced even when their items have names", () => {
    const result = merge(
      "Widget",
      { spec: { items: [{ name: "a", v: 1 }, { name: "b" }] } },
      { spec: { items: [{ name: "a", v: 2 }] } },
    );
    expect(result).toEqual({ spec: { items: [{ name: "a", v: 2 }] } });
  });
});

describe("strategic merge directives", () => {
  it("$patch: delete on the patch deletes the object", () => {
    expect(merge("ConfigMap", { data: { a: "1" } }, { $patch: "delete" })).toBe(DELETED);
  });

  it("$patch: delete in a list item deletes the item with that merge key", () => {
    const result = merge(
      "Deployment",
      podSpec({ containers: [{ name: "app" }, { name: "debug" }] }),
      podSpec({ containers: [{ name: "debug", $patch: "delete" }] }),
    );
    expect(result).toEqual(podSpec({ containers: [{ name: "app" }] }));
  });

  it("$patch: replace replaces a mapping instead of merging it", () => {
    const result = merge(
      "Deployment",
      { spec: { selector: { matchLabels: { app: "a", tier: "web" } } } },
      { spec: { selector: { $patch: "replace", matchLabels: { app: "a" } } } },
    );
    expect(result).toEqual({ spec: { selector: { matchLabels: { app: "a" } } } });
  });

  it("$patch: replace in a merged list replaces the list", () => {
    const result = merge(
      "Deployment",
      podSpec({ containers: [{ name: "app" }, { name: "debug" }] }),
      podSpec({ containers: [{ $patch: "replace" }, { name: "only" }] }),
    );
    expect(result).toEqual(podSpec({ containers: [{ name: "only" }] }));
  });

  it("$deleteFromPrimitiveList removes values, $retainKeys drops the other keys", () => {
    const result = merge(
      "Pod",
      { metadata: { finalizers: ["a", "b"] }, spec: { strategy: { type: "Recreate", rollingUpdate: {} } } },
      {
        metadata: { "$deleteFromPrimitiveList/finalizers": ["a"] },
        spec: { strategy: { $retainKeys: ["type"], type: "RollingUpdate" } },
      },
    );
    expect(result).toEqual({
      metadata: { finalizers: ["b"] },
      spec: { strategy: { type: "RollingUpdate" } },
    });
  });

  it("directives never reach the output, in new fields either", () => {
    const result = merge(
      "Deployment",
      { spec: {} },
      podSpec({ containers: [{ name: "x", $patch: "delete" }, { name: "y" }] }),
    );
    expect(JSON.stringify(result)).not.toContain("$patch");
  });
});
