import { describe, expect, it } from "vitest";
import { countPairs, diffReachability } from "../../src/analysis/diff.js";
import { computeReachability } from "../../src/analysis/reach.js";
import { randomTree } from "../helpers/random-tree.js";
import { pairLines, referenceDiff } from "../helpers/reference-diff.js";
import { referenceConnection, referencePairs } from "../helpers/reference-evaluator.js";

const SEEDS = Array.from({ length: 150 }, (_, i) => i + 1);

describe("the engine agrees with a pair-by-pair reference evaluation", () => {
  it("on every pair of 150 random trees", () => {
    for (const seed of SEEDS) {
      const reach = computeReachability(randomTree(seed));
      const got = new Map(reach.connections.map((c) => [`${c.src.id} => ${c.dst.id}`, c.ports.toString()]));
      const covered = new Set<string>();
      for (const [src, dst] of referencePairs(reach.endpoints)) {
        const expected = referenceConnection(reach.analysis, src, dst);
        const key = `${src.id} => ${dst.id}`;
        covered.add(key);
        expect(got.get(key) ?? "No Connections", `seed ${seed}: ${key}`).toBe(expected.toString());
      }
      const extra = [...got.keys()].filter((key) => !covered.has(key));
      expect(extra, `seed ${seed}: pairs the reference does not have (a Pod's self-pair)`).toEqual([]);
    }
  });

  it("diff equals the pairwise difference of full evaluations of both trees", () => {
    for (const seed of SEEDS) {
      const diff = diffReachability(randomTree(seed), randomTree(seed + 10_000));
      const expected = referenceDiff(diff);
      expect(pairLines(diff.opened), `seed ${seed} opened`).toEqual(expected.opened);
      expect(pairLines(diff.closed), `seed ${seed} closed`).toEqual(expected.closed);
      expect(countPairs(diff.openedBlocks), `seed ${seed} opened count`).toBe(expected.opened.length);
      expect(countPairs(diff.closedBlocks), `seed ${seed} closed count`).toBe(expected.closed.length);
    }
  });
});
