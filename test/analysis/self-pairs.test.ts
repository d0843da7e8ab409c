import { describe, expect, it } from "vitest";
import { countPairs, diffReachability } from "../../src/analysis/diff.js";
import { explainFlow } from "../../src/analysis/explain.js";
import { explainFlowChange } from "../../src/analysis/explain-change.js";
import { buildReview } from "../../src/analysis/review/build.js";
import { renderComment } from "../../src/report/comment.js";
import { flowChangesText } from "../../src/report/explain-text.js";
import { renderReviewText } from "../../src/report/review-text.js";
import {
  ALERTMANAGER,
  ALERTMANAGER_STATEFULSET,
  alertmanagerPolicy,
  GOSSIP_RULE,
} from "../helpers/alertmanager.js";
import { pairLines } from "../helpers/reference-diff.js";
import { tree } from "../helpers/trees.js";

const debugPod = `
apiVersion: v1
kind: Pod
metadata: { name: debug, namespace: monitoring, labels: { app.kubernetes.io/name: alertmanager } }
spec: { containers: [{ name: c, image: i }] }
---
`;
const alertmanager = ALERTMANAGER_STATEFULSET + debugPod;
const SELF = ALERTMANAGER;
const base = tree({ "am.yaml": alertmanager, "np.yaml": alertmanagerPolicy() });
const head = tree({ "am.yaml": alertmanager, "np.yaml": alertmanagerPolicy(GOSSIP_RULE) });
const input = { base, head, baseRevision: { label: "base" }, headRevision: { label: "head" } };

describe("traffic between pods of the same workload, across a change", () => {
  it("a rule admitting a StatefulSet's own replicas opens its self-pair in the diff", () => {
    const diff = diffReachability(base, head);
    expect(pairLines(diff.opened)).toContain(`${SELF} => ${SELF} : TCP 9094,UDP 9094`);
    expect(pairLines(diff.opened)).not.toContain(
      "monitoring/debug[Pod] => monitoring/debug[Pod] : TCP 9094,UDP 9094",
    );
    expect(countPairs(diff.openedBlocks)).toBe(diff.opened.length);
    expect(diff.closed).toEqual([]);
  });

  it("a namespace-wide group counts each workload's self-pair, and a Pod's is not counted", () => {
    const [group] = buildReview(input).opened;
    expect(group?.src.label).toBe("monitoring/*");
    expect(group?.dst.label).toBe("monitoring/*");
    // StatefulSet to itself, StatefulSet to Pod, Pod to StatefulSet; not the Pod to itself.
    expect(group?.pairs).toBe(3);
  });

  it("the review groups the self-pair as traffic between pods of the workload, with the rule as its cause", () => {
    const statefulSetOnly = (t: typeof base) => ({
      ...t,
      workloads: t.workloads.filter((w) => w.kind !== "Pod"),
    });
    const review = buildReview({ ...input, base: statefulSetOnly(base), head: statefulSetOnly(head) });
    const own = review.opened.find((g) => g.src.endpointIds[0] === SELF && g.dst.endpointIds[0] === SELF);
    expect(own?.src.kind).toBe("endpoint");
    expect(own?.pairs).toBe(1);
    expect(own?.causes).toEqual([
      expect.objectContaining({
        kind: "policy-changed",
        rule: { direction: "ingress", index: 1 },
        detail: "ingress rule 2 now allows this traffic",
      }),
    ]);
    expect(own?.example?.base?.allowed.isEmpty()).toBe(true);
    expect(own?.example?.head?.allowed.toString()).toBe("TCP 9094,UDP 9094");
    expect(renderReviewText(review)).toContain(`+ between pods of ${SELF} : TCP 9094 · UDP 9094`);
    expect(renderComment(review)).toContain(
      "| between pods of monitoring/alertmanager-main\\[StatefulSet\\] | _(same pods)_ | TCP 9094 · UDP 9094 |",
    );
  });

  it("explain --base of a workload to itself says what changed instead of nothing", () => {
    const result = explainFlowChange(input, { from: SELF, to: SELF, port: { port: 9094, protocol: "TCP" } });
    if ("error" in result) throw new Error(result.error);
    expect(result.base?.allowed.isEmpty()).toBe(true);
    expect(result.head?.allowed.toString()).toBe("TCP 9094");
    expect(result.changes.opened).toHaveLength(1);
    expect(flowChangesText(result.changes)).toContain("ingress rule 2 now allows this traffic");
  });

  it("explaining a Pod to itself is an error value: a pod cannot block access to itself", () => {
    const result = explainFlow(head, { from: "monitoring/debug", to: "monitoring/debug" });
    expect(result).toEqual({ error: expect.stringContaining("a pod cannot block access to itself") });
  });
});
