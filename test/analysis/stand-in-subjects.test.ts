import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { diffReachability } from "../../src/analysis/diff.js";
import { computeReachability } from "../../src/analysis/reach.js";
import { buildReview } from "../../src/analysis/review/build.js";
import { loadManifests } from "../../src/manifests/load.js";
import { readDirectory } from "../../src/manifests/read-dir.js";
import { alertmanagerPolicy, GOSSIP_RULE } from "../helpers/alertmanager.js";
import { pairLines } from "../helpers/reference-diff.js";
import { allowed, deployment, tree } from "../helpers/trees.js";

const grafana = deployment("monitoring", "grafana", { app: "grafana" });
const STAND_IN = "monitoring/[pods with app.kubernetes.io/name=alertmanager]";
const PROMETHEUS = "monitoring/[pods with app.kubernetes.io/name=prometheus]";
const alertmanagerResource = `
apiVersion: monitoring.coreos.com/v1
kind: Alertmanager
metadata: { name: main, namespace: monitoring }
spec: { replicas: 3 }
---
`;

describe("pods a policy applies to but the repository does not hold", () => {
  it("a podSelector that selects no workload gets a stand-in endpoint, named as not in the repository", () => {
    const reach = computeReachability(tree(grafana + alertmanagerPolicy()));
    const standIn = reach.endpoints.find((e) => e.id === STAND_IN);
    expect(standIn?.kind).toBe("Pods");
    expect(standIn?.label).toBe(
      "pods with app.kubernetes.io/name=alertmanager in namespace monitoring, not in the repository",
    );
  });

  it("the stand-in is subject to the policy like a workload", () => {
    const t = tree(grafana + alertmanagerPolicy());
    expect(allowed(t, "monitoring/grafana[Deployment]", STAND_IN)).toBe("No Connections");
    expect(allowed(t, PROMETHEUS, STAND_IN)).toBe("TCP 9093");
    expect(allowed(t, STAND_IN, STAND_IN)).toBe("No Connections");
  });

  it("a change to such a policy shows the paths it opens for those pods", () => {
    const diff = diffReachability(
      tree(grafana + alertmanagerPolicy()),
      tree(grafana + alertmanagerPolicy(GOSSIP_RULE)),
    );
    expect(pairLines(diff.opened)).toEqual([`${STAND_IN} => ${STAND_IN} : TCP 9094,UDP 9094`]);
    expect(diff.closed).toEqual([]);
  });

  it("both sides of a diff carry the stand-in when the change removes the policy", () => {
    const diff = diffReachability(tree(grafana + alertmanagerPolicy()), tree(grafana));
    expect(diff.added).toEqual(new Set());
    expect(diff.removed).toEqual(new Set());
    expect(pairLines(diff.opened)).toContain(
      `monitoring/grafana[Deployment] => ${STAND_IN} : All Connections`,
    );
    expect(diff.endpoints.find((e) => e.id === STAND_IN)?.label).toContain("not in the repository");
  });

  it("an Alertmanager resource's StatefulSet is selected instead, and its gossip opens as its own self-pair", () => {
    const base = tree(alertmanagerResource + alertmanagerPolicy());
    const head = tree(alertmanagerResource + alertmanagerPolicy(GOSSIP_RULE));
    expect(computeReachability(base).endpoints.some((e) => e.id === STAND_IN)).toBe(false);
    const diff = diffReachability(base, head);
    expect(pairLines(diff.opened)).toEqual([
      "monitoring/alertmanager-main[StatefulSet] => monitoring/alertmanager-main[StatefulSet] : TCP 9094,UDP 9094",
    ]);
  });

  it("in the operator fixture, the gossip rule opens the Alertmanager's self-pair and Grafana's rule opens its stand-in", async () => {
    const load = async (side: string) =>
      loadManifests(
        await readDirectory(fileURLToPath(new URL(`../fixtures/operator/${side}`, import.meta.url))),
      );
    const review = buildReview({
      base: await load("before"),
      head: await load("after"),
      baseRevision: { label: "before" },
      headRevision: { label: "after" },
    });
    expect(review.closed).toEqual([]);
    expect(review.opened.map((g) => `${g.src.label} => ${g.dst.label} : ${g.ports}`)).toEqual([
      "monitoring/alertmanager-main[StatefulSet] => monitoring/alertmanager-main[StatefulSet] : TCP 9094,UDP 9094",
      "monitoring/prometheus-k8s[StatefulSet] => pods with app.kubernetes.io/name=grafana in namespace monitoring, not in the repository : TCP 3000",
    ]);
    expect(review.opened.map((g) => g.causes.map((c) => `${c.object}: ${c.detail}`))).toEqual([
      ["NetworkPolicy monitoring/alertmanager-main: ingress rule 2 now allows this traffic"],
      ["NetworkPolicy monitoring/grafana: ingress rule 1 now allows this traffic"],
    ]);
  });
});
