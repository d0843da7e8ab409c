import { describe, expect, it, vi } from "vitest";
import { reviewScopes } from "../../src/scopes/review-scopes.js";
import { config, files, POD, POLICY } from "./helpers.js";

const parsed = vi.hoisted(() => [] as string[]);
vi.mock("../../src/manifests/yaml-documents.js", async (importOriginal) => {
  const original = await importOriginal<typeof import("../../src/manifests/yaml-documents.js")>();
  return {
    ...original,
    parseYamlFile: (...args: Parameters<typeof original.parseYamlFile>) => {
      parsed.push(args[0]);
      return original.parseYamlFile(...args);
    },
  };
});

describe("loading the two sides of a change", () => {
  it("a file base and head hold with the same text is parsed once for both", () => {
    const base = files({ "web.yaml": POD("web"), "allow.yaml": POLICY("allow-web", "web") });
    const head = files({ "web.yaml": POD("web"), "allow.yaml": POLICY("allow-web", "api") });
    parsed.length = 0;
    const review = reviewScopes({
      base,
      head,
      baseRevision: { label: "main" },
      headRevision: { label: "pr" },
      config: config(),
    });
    expect(review.scopes.some((s) => s.review)).toBe(true);
    expect(parsed.filter((path) => path === "web.yaml")).toHaveLength(1);
    expect(parsed.filter((path) => path === "allow.yaml")).toHaveLength(2);
  });
});
