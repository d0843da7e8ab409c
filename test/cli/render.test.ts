import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { expectedObjects } from "../manifests/kustomize/fixture-files.js";
import { cli } from "./run.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const SHOP = "test/fixtures/kustomize/realistic-shop/overlays/dev";

describe("netpol-review render", () => {
  it("prints what kustomize build outputs, as multi-document YAML", async () => {
    const { code, stdout, stderr } = await cli(["render", SHOP], ROOT);
    expect({ code, stderr }).toEqual({ code: 0, stderr: "" });
    const expected = expectedObjects(readFileSync(`${ROOT}${SHOP}/expected.yaml`, "utf8"));
    expect(expectedObjects(stdout)).toEqual(expected);
  });

  it("prints mapping keys sorted, as kustomize writes them", async () => {
    const { stdout } = await cli(["render", SHOP], ROOT);
    const first = stdout.split("\n---\n")[0] ?? "";
    expect(first.split("\n").filter((line) => /^\S/.test(line))).toEqual([
      "apiVersion: v1",
      "kind: Service",
      "metadata:",
      "spec:",
    ]);
  });

  it("reports what is not rendered on stderr with file:line and exits 1 on errors", async () => {
    const { code, stderr } = await cli(["render", "test/fixtures/kustomize"], ROOT);
    expect(code).toBe(1);
    expect(stderr).toMatch(/^test\/fixtures\/kustomize:1: error: no kustomization file/);
  });

  it("a path that is not a directory is a usage error", async () => {
    const { code, stderr } = await cli(["render", "README.md"], ROOT);
    expect(code).toBe(2);
    expect(stderr).toContain("README.md: not a directory");
  });
});
