import { describe, expect, it } from "vitest";
import { diffReachability } from "../../src/analysis/diff.js";
import { computeReachability } from "../../src/analysis/reach.js";
import { randomTree } from "../helpers/random-tree.js";
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
      const base = randomTree(seed);
      const head = randomTree(seed + 10_000);
      const diff = diffReachability(base, head);
      const side = (analysis: typeof diff.base) => {
        const byId = new Map(analysis.endpoints.map((e) => [e.id, e]));
        return (s: string, d: string) => {
          const src = byId.get(s);
          const dst = byId.get(d);
          return src && dst ? referenceConnection(analysis, src, dst) : undefined;
        };
      };
      const before = side(diff.base);
      const after = side(diff.head);
      const expectedOpened: string[] = [];
      const expectedClosed: string[] = [];
      const ids = diff.endpoints.map((e) => e.id);
      for (const s of ids) {
        for (const d of ids) {
          if (s === d) continue;
          const b = before(s, d);
          const h = after(s, d);
          const bSet = b ?? h?.subtract(h);
          const hSet = h ?? b?.subtract(b);
          if (!bSet || !hSet) continue;
          const gained = hSet.subtract(bSet);
          const lost = bSet.subtract(hSet);
          if (!gained.isEmpty()) expectedOpened.push(`${s} => ${d} : ${gained}`);
          if (!lost.isEmpty()) expectedClosed.push(`${s} => ${d} : ${lost}`);
        }
      }
      const text = (list: typeof diff.opened) =>
        list.map((c) => `${c.src.id} => ${c.dst.id} : ${c.ports}`).sort();
      expect(text(diff.opened), `seed ${seed} opened`).toEqual(expectedOpened.sort());
      expect(text(diff.closed), `seed ${seed} closed`).toEqual(expectedClosed.sort());
    }
  });
});
