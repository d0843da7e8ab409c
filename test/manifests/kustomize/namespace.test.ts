import { describe, expect, it } from "vitest";
import { render } from "./repo.js";

// kubernetes-sigs/kustomize api/internal/konfig/builtinpluginconsts/namespace.go:
// `- path: metadata/name, kind: Namespace, create: true` among the namespace field specs.
describe("namespace: and Namespace objects", () => {
  it("a v1 Namespace object is renamed to the kustomization's namespace and keeps its labels", () => {
    const result = render("dev", {
      "base/kustomization.yaml": "resources:\n- ns.yaml\n",
      "base/ns.yaml": "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n  labels:\n    team: shop\n",
      "dev/kustomization.yaml": "namespace: shop-dev\nresources:\n- ../base\n",
    });
    expect(result.objects.map((o) => o.value.metadata)).toEqual([
      { name: "shop-dev", labels: { team: "shop" } },
    ]);
  });

  it("the renamed Namespace's name points at the kustomization's namespace line", () => {
    const result = render("dev", {
      "dev/kustomization.yaml": "resources:\n- ns.yaml\nnamespace: shop-dev\n",
      "dev/ns.yaml": "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n",
    });
    expect(result.objects[0]?.positions.refOf?.(["metadata", "name"])).toEqual({
      file: "dev/kustomization.yaml",
      line: 3,
    });
  });
});
