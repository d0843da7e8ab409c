import { readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { renderKustomization, repositoryFiles } from "../../../src/manifests/kustomize/index.js";
import { expectedObjects, fixtureFiles, KUSTOMIZE_FIXTURES } from "./fixture-files.js";

/**
 * Each fixture folder is a small repository; every directory in it that holds an `expected.yaml`
 * (what `kustomize build <dir>` prints, transcribed from the source named in its first comment)
 * is rendered and compared object for object, in order.
 */
const fixtures = readdirSync(KUSTOMIZE_FIXTURES, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

describe.each(fixtures)("kustomize fixture %s", (fixture) => {
  const files = fixtureFiles(`${KUSTOMIZE_FIXTURES}${fixture}`);
  const roots = files
    .filter((file) => file.path === "expected.yaml" || file.path.endsWith("/expected.yaml"))
    .map((file) => ({
      dir: file.path.slice(0, -"expected.yaml".length).replace(/\/$/, ""),
      text: file.content ?? "",
    }));

  it("has an expected.yaml that names its source", () => {
    expect(roots.length).toBeGreaterThan(0);
    for (const { text } of roots) expect(text).toMatch(/^# Source: \S/);
  });

  it.each(roots)("renders $dir as kustomize build does", ({ dir, text }) => {
    const render = renderKustomization(dir, repositoryFiles(files));
    expect(render.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(render.objects.map((o) => o.value)).toEqual(expectedObjects(text));
  });
});
