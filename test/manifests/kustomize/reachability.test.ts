import { describe, expect, it } from "vitest";
import { computeReachability } from "../../../src/analysis/reach.js";
import {
  addRenderedObjects,
  renderKustomization,
  repositoryFiles,
} from "../../../src/manifests/kustomize/index.js";
import { TreeCollector } from "../../../src/manifests/tree-collector.js";
import { reachText } from "../../../src/report/reach-output.js";
import { fixtureFiles, KUSTOMIZE_FIXTURES } from "./fixture-files.js";

/** The reachability of one rendered overlay, as the review would compute it. */
function reach(fixture: string, root: string): string[] {
  const render = renderKustomization(root, repositoryFiles(fixtureFiles(`${KUSTOMIZE_FIXTURES}${fixture}`)));
  const into = new TreeCollector();
  addRenderedObjects(render, into);
  return reachText(computeReachability(into.tree())).split("\n");
}

describe("a rendered overlay is reviewed as the cluster it deploys", () => {
  it("dev: the relabelled frontend reaches the backend through the patched policy", () => {
    expect(reach("realistic-shop", "overlays/dev")).toContain(
      "shop-dev/dev-frontend[Deployment] => shop-dev/dev-backend[Deployment] : TCP 8080",
    );
  });

  it("prod: the tightened backend policy admits the env=prod frontend and nothing else", () => {
    const lines = reach("realistic-shop", "overlays/prod").filter((line) =>
      line.includes("=> shop-prod/backend"),
    );
    expect(lines).toEqual(["shop-prod/frontend[Deployment] => shop-prod/backend[Deployment] : TCP 8080"]);
  });

  it("production monitoring: commonLabels narrowed the kube-state-metrics peer to env=production pods", () => {
    const lines = reach("realistic-monitoring", "overlays/production").filter((line) =>
      line.endsWith("=> monitoring/prometheus[StatefulSet] : TCP 9090"),
    );
    expect(lines).toEqual([
      "[any namespace]/[pods with app.kubernetes.io/name=kube-state-metrics, env=production] => monitoring/prometheus[StatefulSet] : TCP 9090",
      "monitoring/grafana[Deployment] => monitoring/prometheus[StatefulSet] : TCP 9090",
    ]);
  });
});
