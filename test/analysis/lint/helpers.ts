import { expect } from "vitest";
import { analyseTree } from "../../../src/analysis/cluster.js";
import { lintTree } from "../../../src/analysis/lint/index.js";
import { withContext } from "../../../src/analysis/review/context.js";
import type { ReviewOptions } from "../../../src/analysis/review/types.js";
import type { Finding } from "../../../src/model/finding.js";
import { deployment, tree } from "../../helpers/trees.js";

export { yaml } from "../../manifests/helpers.js";

export type Files = string | Readonly<Record<string, string>>;

/**
 * Every finding of an inline tree (one string is `manifests.yaml`), through the real loader and
 * engine, with the options' cluster context merged in as the review merges it.
 */
export function lint(files: Files, options?: ReviewOptions): Finding[] {
  return lintTree(analyseTree(withContext(tree(files), options?.context)), options);
}

/** The findings of one rule; the fixture itself must load without diagnostics. */
export function findings(rule: string, files: Files, options?: ReviewOptions): Finding[] {
  const all = lint(files, options);
  const broken = all.filter((f) => f.rule === "invalid-manifest");
  expect(broken, "the fixture does not load cleanly").toEqual([]);
  return all.filter((f) => f.rule === rule);
}

/** The single finding of `rule`; fails with all of them otherwise. */
export function only(rule: string, files: Files, options?: ReviewOptions): Finding {
  const found = findings(rule, files, options);
  expect(found, JSON.stringify(found, null, 2)).toHaveLength(1);
  return found[0] as Finding;
}

/**
 * Workloads for `apps.yaml` (their lines do not matter to the rules under test):
 * shop/web (app=web, tier=frontend; http 8080), shop/api (app=api, tier=backend; http 9000,
 * dns 5353/UDP), data/db (app=db; pg 5432).
 */
export const APPS =
  deployment("shop", "web", { app: "web", tier: "frontend" }, [{ name: "http", containerPort: 8080 }]) +
  deployment("shop", "api", { app: "api", tier: "backend" }, [
    { name: "http", containerPort: 9000 },
    { name: "dns", containerPort: 5353, protocol: "UDP" },
  ]) +
  deployment("data", "db", { app: "db" }, [{ name: "pg", containerPort: 5432 }]);
