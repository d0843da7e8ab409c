import { describe, expect, it } from "vitest";
import {
  closeMatches,
  closestLabels,
  didYouMean,
  nearMiss,
  podsElsewhere,
} from "../../../src/analysis/lint/suggest.js";
import { editDistance } from "../../../src/model/edit-distance.js";
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
    expect(closestLabels("app", "fronted", LABELS)).toEqual(["app=frontend"]);
    expect(closestLabels("ap", "frontend", LABELS)).toEqual(["app=frontend"]);
  });

  it("never suggests a value that only shares the key", () => {
    expect(closestLabels("tier", "db", LABELS)).toEqual([]);
    expect(closestLabels("app", "centraldashboard", [{ app: "kserve" }, { app: "katib" }])).toEqual([]);
  });

  it("suggests nothing for a label nothing resembles", () => {
    expect(closestLabels("team", "payments", LABELS)).toEqual([]);
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

describe("closeMatches", () => {
  it("returns only candidates within a few edits, nearest first", () => {
    expect(closeMatches("matchLabel", ["matchExpressions", "matchLabels", "namespaceSelector"])).toEqual([
      "matchLabels",
    ]);
    expect(closeMatches("fronted", ["frontend", "fronten", "backend", "frontends"])).toEqual([
      "fronten",
      "frontend",
      "frontends",
    ]);
  });

  it("never suggests an unrelated candidate, nor the target itself", () => {
    expect(closeMatches("centraldashboard", ["kserve", "centraldashboard"])).toEqual([]);
    expect(closeMatches("db", ["web", "api"])).toEqual([]);
  });

  it("honours an explicit edit budget", () => {
    expect(closeMatches("web", ["wbe", "webs", "api"], { maxDistance: 0 })).toEqual([]);
    expect(closeMatches("web", ["wbe", "webs", "api"], { maxDistance: 3 })).toEqual(["wbe", "webs", "api"]);
  });
});

describe("podsElsewhere", () => {
  it("finds the pods a selector matches outside the namespaces it covers", () => {
    const pods = [
      { namespace: "default", labels: { app: "centraldashboard" } },
      { namespace: "kubeflow", labels: { app: "kserve" } },
    ];
    const selector = makeSelector({ app: "centraldashboard" }, undefined);
    expect(podsElsewhere(selector, pods, ["kubeflow"])).toEqual([pods[0]]);
    expect(podsElsewhere(selector, pods, ["default"])).toEqual([]);
  });
});
