import { describe, expect, it } from "vitest";
import { manifestPaths } from "../../src/config/globs.js";

describe("which directories may hold manifests (for listing a tree directory by directory)", () => {
  const paths = (include: string[], exclude: string[] = []) => manifestPaths({ include, exclude });

  it("a directory that the glob's leading segments match, or that `**` reaches, may hold manifests", () => {
    const deploy = paths(["deploy/**/*.yaml"]);
    expect(deploy.mayHoldManifests("deploy")).toBe(true);
    expect(deploy.mayHoldManifests("deploy/prod/eu")).toBe(true);
    expect(deploy.mayHoldManifests("docs")).toBe(false);
    expect(deploy.mayHoldManifests("src/deploy")).toBe(false);
    expect(paths(["**/*.yaml"]).mayHoldManifests("any/where/at/all")).toBe(true);
  });

  it("a glob that names files at a fixed depth stops there", () => {
    const flat = paths(["k8s/*.yaml", "clusters/*/apps/*.yml"]);
    expect(flat.mayHoldManifests("k8s")).toBe(true);
    expect(flat.mayHoldManifests("k8s/sub")).toBe(false);
    expect(flat.mayHoldManifests("clusters/prod")).toBe(true);
    expect(flat.mayHoldManifests("clusters/prod/apps")).toBe(true);
    expect(flat.mayHoldManifests("clusters/prod/other")).toBe(false);
    expect(flat.mayHoldManifests("clusters/prod/apps/deeper")).toBe(false);
  });

  it("an exclude glob that drops a whole directory prunes it; one that drops some files does not", () => {
    const excluded = paths(["**/*.yaml"], ["charts/**", "**/kustomization.yaml"]);
    expect(excluded.mayHoldManifests("charts")).toBe(false);
    expect(excluded.mayHoldManifests("charts/web/templates")).toBe(false);
    expect(excluded.mayHoldManifests("deploy")).toBe(true);
  });

  it("dot directories are matched like any other, and braces holding a slash are assumed to match anywhere", () => {
    expect(paths([".k8s/**/*.yaml"]).mayHoldManifests(".k8s/prod")).toBe(true);
    expect(paths(["{deploy,ops/k8s}/*.yaml"]).mayHoldManifests("anything")).toBe(true);
    expect(paths(["{deploy,ops}/*.yaml"]).mayHoldManifests("ops")).toBe(true);
    expect(paths(["{deploy,ops}/*.yaml"]).mayHoldManifests("src")).toBe(false);
  });
});
