import { describe, expect, it } from "vitest";
import { countPairs, diffReachability } from "../../src/analysis/diff.js";
import { computeReachability } from "../../src/analysis/reach.js";
import { randomTree } from "../helpers/random-tree.js";
import { pairLines, referenceDiff } from "../helpers/reference-diff.js";
import { referenceConnection } from "../helpers/reference-evaluator.js";

const SEEDS = Array.from({ length: 150 }, (_, i) => i + 1);

describe("the engine agrees with a pair-by-pair reference evaluation", () => {
  it("on every pair of 150 random trees", () => {
    for (const seed of SEEDS) {
      const reach = computeReachability(randomTree(seed));
      const got = new Map(reach.connections.map((c) => [`${c.src.id} => ${c.dst.id}`, c.ports.toString()]));
      for (const src of reach.endpoints) {
        for (const dst of reach.endpoints) {
          if (src === dst) continue;
          const expected = referenceConnection(reach.analysis, src, dst);
          const key = `${src.id} => ${dst.id}`;
          expect(got.get(key) ?? "No Connections", `seed ${seed}: ${key}`).toBe(expected.toString());
        }
      }
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
