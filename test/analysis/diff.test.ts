import { describe, expect, it } from "vitest";
import { diffReachability } from "../../src/analysis/diff.js";
import { deployment, tree } from "../helpers/trees.js";

const allowTeamA = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: from-team-a, namespace: b }
spec:
  podSelector: {}
  ingress:
  - from: [{ namespaceSelector: { matchLabels: { team: a } } }]
---
`;
const teamA = `apiVersion: v1
kind: Namespace
metadata: { name: a, labels: { team: a } }
---
${deployment("a", "one", { app: "one" })}${deployment("a", "two", { app: "two" })}`;

describe("diff", () => {
  it("a stand-in whose selector comes to match new workloads closes nothing and opens only the new workloads' paths", () => {
    const base = tree(deployment("b", "api", { app: "api" }) + allowTeamA);
    const head = tree(deployment("b", "api", { app: "api" }) + allowTeamA + teamA);
    const diff = diffReachability(base, head);
    expect(diff.closed).toEqual([]);
    expect(diff.opened.every((c) => c.src.id.startsWith("a/") || c.dst.id.startsWith("a/"))).toBe(true);
    expect(diff.opened.map((c) => `${c.src.id} => ${c.dst.id}`)).toContain(
      "a/one[Deployment] => b/api[Deployment]",
    );
  });

  it("removing the last workloads a selector matches opens nothing through its stand-in", () => {
    const base = tree(deployment("b", "api", { app: "api" }) + allowTeamA + teamA);
    const head = tree(deployment("b", "api", { app: "api" }) + allowTeamA);
    const diff = diffReachability(base, head);
    expect(diff.opened).toEqual([]);
    expect(diff.closed.every((c) => c.src.id.startsWith("a/") || c.dst.id.startsWith("a/"))).toBe(true);
  });
});
