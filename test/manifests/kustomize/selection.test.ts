import { describe, expect, it } from "vitest";
import { parseSelectorString } from "../../../src/manifests/kustomize/label-selector.js";
import { yaml } from "../helpers.js";
import { render } from "./repo.js";

describe("label selector strings select as Kubernetes' do", () => {
  const labels = { app: "web", tier: "front" };
  it.each([
    ["app=web", true],
    ["app==web", true],
    ["app!=web", false],
    ["app in (web, api)", true],
    ["app notin (web)", false],
    ["env notin (prod)", true],
    ["tier", true],
    ["!tier", false],
    ["app=web,tier=back", false],
    ["", true],
  ])("%s matches app=web,tier=front: %s", (text, matches) => {
    expect(parseSelectorString(text)?.(labels)).toBe(matches);
  });

  it("a selector that does not parse is undefined", () => {
    expect(parseSelectorString("app=(")).toBeUndefined();
  });
});

describe("sortOptions", () => {
  const files = (sortOptions: string) => ({
    "kustomization.yaml": `${sortOptions}resources:\n- all.yaml\n`,
    "all.yaml": yaml`
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata:
        name: b
      ---
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: z
      ---
      apiVersion: v1
      kind: Namespace
      metadata:
        name: a
    `,
  });
  const order = (sortOptions: string) => render("", files(sortOptions)).objects.map((o) => `${o.value.kind}`);

  it("the legacy order is the default", () => {
    expect(order("")).toEqual(["Namespace", "Deployment", "NetworkPolicy"]);
  });

  it("fifo keeps the order resources were loaded in", () => {
    expect(order("sortOptions:\n  order: fifo\n")).toEqual(["NetworkPolicy", "Deployment", "Namespace"]);
  });

  it("legacySortOptions replaces the orderFirst and orderLast lists", () => {
    const options =
      "sortOptions:\n  order: legacy\n  legacySortOptions:\n    orderFirst: [NetworkPolicy]\n    orderLast: [Namespace]\n";
    expect(order(options)).toEqual(["NetworkPolicy", "Deployment", "Namespace"]);
  });

  it("a nested kustomization's sortOptions is ignored, as kustomize does", () => {
    const nested = { ...files("sortOptions:\n  order: fifo\n") };
    const result = render("top", {
      "top/kustomization.yaml": "resources:\n- ../\n",
      ...nested,
    });
    expect(result.objects.map((o) => o.value.kind)).toEqual(["Namespace", "Deployment", "NetworkPolicy"]);
  });
});
