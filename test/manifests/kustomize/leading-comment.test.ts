import { describe, expect, it } from "vitest";
import {
  addRenderedObjects,
  renderKustomization,
  repositoryFiles,
} from "../../../src/manifests/kustomize/index.js";
import { TreeCollector } from "../../../src/manifests/tree-collector.js";

const file = (path: string, content: string) => ({ path, size: Buffer.byteLength(content), content });

describe("a rendered policy", () => {
  it("keeps the comment written above it in its resource file, through a namespace and a prefix", () => {
    const files = [
      file("base/kustomization.yaml", "resources: [policy.yaml]\n"),
      file(
        "base/policy.yaml",
        "# Web may call the API.\napiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: { name: web }\nspec: { podSelector: {} }\n",
      ),
      file("overlay/kustomization.yaml", "resources: [../base]\nnamespace: shop\nnamePrefix: dev-\n"),
    ];
    const render = renderKustomization("overlay", repositoryFiles(files));
    const into = new TreeCollector();
    addRenderedObjects(render, into);
    const [policy] = into.tree().policies;
    expect(policy).toMatchObject({
      name: "dev-web",
      namespace: "shop",
      leadingComment: "Web may call the API.",
    });
  });
});
