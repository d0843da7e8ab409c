import { describe, expect, it } from "vitest";
import { closestLabels, didYouMean, editDistance, nearMiss } from "../../../src/analysis/lint/suggest.js";
import { makeSelector } from "../../../src/model/selector.js";

const PODS = [
  { object: "Deployment shop/api", labels: { app: "api", tier: "backend" } },
  { object: "Deployment shop/frontend", labels: { app: "frontend", tier: "web" } },
];
const LABELS = PODS.map((p) => p.labels);

describe("label suggestions", () => {
  it("counts a swap of two neighbouring characters as one edit", () => {
    expect(editDistance("fronted", "frontend")).toBe(1);
    expect(editDistance("wbe", "web")).toBe(1);
    expect(editDistance("kitten", "sitting")).toBe(3);
    expect(editDistance("", "abc")).toBe(3);
  });

  it("suggests a near miss of the value or of the key", () => {
    expect(closestLabels("app", "fronted", LABELS, true)).toEqual(["app=frontend"]);
    expect(closestLabels("ap", "frontend", LABELS, true)).toEqual(["app=frontend"]);
  });

  it("falls back to the values the key carries only when asked to", () => {
    expect(closestLabels("tier", "db", LABELS, true)).toEqual(["tier=web", "tier=backend"]);
    expect(closestLabels("tier", "db", LABELS, false)).toEqual([]);
  });

  it("suggests nothing for a label nothing resembles", () => {
    expect(closestLabels("team", "payments", LABELS, true)).toEqual([]);
  });

  it("phrases suggestions as a question", () => {
    expect(didYouMean([])).toBe("");
    expect(didYouMean(["app=web"])).toBe("did you mean app=web?");
    expect(didYouMean(["a=1", "a=2", "a=3"])).toBe("did you mean a=1, a=2 or a=3?");
  });

  it("names the workload that meets the most requirements and what it misses", () => {
    const selector = makeSelector({ app: "frontend", tier: "backend", team: "x" }, undefined);
    expect(nearMiss(selector, PODS)).toBe("Deployment shop/api matches all but app=frontend and team=x");
    expect(nearMiss(makeSelector({ team: "x" }, undefined), PODS)).toBe("");
  });
});
