import { describe, expect, it } from "vitest";
import type { ClusterAnalysis } from "../../../src/analysis/cluster.js";
import { diffReachability, type PairBlock, type ReachDiff } from "../../../src/analysis/diff.js";
import { explainPair } from "../../../src/analysis/explain.js";
import { Attributor } from "../../../src/analysis/review/attribute.js";
import { buildReview, reviewOfDiff } from "../../../src/analysis/review/build.js";
import { flowChanges } from "../../../src/analysis/review/flow-changes.js";
import type { Cause, DirectionExplanation } from "../../../src/analysis/review/types.js";
import { hasSelfPair } from "../../../src/model/endpoint.js";
import type { Direction, NetworkPolicy } from "../../../src/model/network-policy.js";
import { PortSet } from "../../../src/model/port-set.js";
import type { ManifestTree } from "../../../src/model/tree.js";
import { prng, randomTree } from "../../helpers/random-tree.js";

const SEEDS = Array.from({ length: 150 }, (_, i) => i + 1);

/** One NetworkPolicy edit (rules replaced, directions changed, a policy added or removed). */
function editOnePolicy(tree: ManifestTree, seed: number): ManifestTree {
  const rnd = prng(seed);
  const policies = [...tree.policies];
  const other = randomTree(seed + 30_000, { admin: false }).policies[0] as NetworkPolicy;
  const i = Math.floor(rnd() * policies.length);
  const policy = policies[i] as NetworkPolicy;
  const roll = rnd();
  if (roll < 0.2) policies.push({ ...other, namespace: policy.namespace, name: "added" });
  else if (roll < 0.4) policies.splice(i, 1);
  else if (roll < 0.6) policies[i] = { ...policy, ingress: other.ingress, egress: other.egress };
  else if (roll < 0.8) policies[i] = { ...policy, policyTypes: other.policyTypes };
  else policies[i] = { ...policy, podSelector: other.podSelector };
  return { ...tree, policies };
}

/** What one policy decides in an explained direction: the ports its rules allow, or absent. */
function policyDecision(explained: DirectionExplanation, policy: string): string {
  const reasons = explained.reasons.filter((r) => r.policy === policy);
  if (reasons.length === 0) return "does not select";
  return reasons.reduce((all, r) => all.union(r.ports ?? PortSet.EMPTY), PortSet.EMPTY).toString();
}

function explained(analysis: ClusterAnalysis, src: string, dst: string, ports: PortSet) {
  const index = (id: string) => analysis.endpoints.findIndex((e) => e.id === id);
  const s = index(src);
  const d = index(dst);
  return s < 0 || d < 0 ? undefined : explainPair(analysis, s, d, ports);
}

/** Every NetworkPolicy cause of the block, checked against explain at base and at head on each pair. */
function checkBlock(diff: ReachDiff, attributor: Attributor, block: PairBlock, opened: boolean, at: string) {
  const { causes } = attributor.blockCauses(block, opened);
  let checked = 0;
  for (const src of block.src) {
    for (const dst of block.dst) {
      if (src === dst && !hasSelfPair(src)) continue;
      const explain = (ports: PortSet) => ({
        base: explained(diff.base, src.id, dst.id, ports),
        head: explained(diff.head, src.id, dst.id, ports),
      });
      const pair = `${at} ${opened ? "opened" : "closed"} ${src.id} => ${dst.id} (${block.ports})`;
      const { base, head } = explain(block.ports);
      if (!base || !head) continue;
      const own = [...attributor.ownCauses(src), ...attributor.ownCauses(dst)];
      expect(causes.length + own.length, `${pair}: some cause`).toBeGreaterThan(0);
      for (const cause of causes) {
        if (!cause.object.startsWith("NetworkPolicy ")) continue;
        const direction = directionOf(cause);
        const [allowedSide, deniedSide] = opened ? [head, base] : [base, head];
        // The direction's decision, and its NetworkPolicy tier's, changed the way the pair did on
        // `changed`, ports that the Admin tier does not decide at head.
        const changed = allowedSide[direction].allowed
          .subtract(deniedSide[direction].allowed)
          .intersect(networkPolicyAllowed(allowedSide[direction], block.ports))
          .subtract(networkPolicyAllowed(deniedSide[direction], block.ports))
          .subtract(adminDecided(head[direction]));
        const message = `${pair}: ${cause.object}: ${cause.detail}`;
        expect(changed.isEmpty(), `${message}: the ${direction} decision changed`).toBe(false);
        const narrowed = explain(changed);
        checkCause(cause, narrowed.base?.[direction], narrowed.head?.[direction], opened, message);
        checked++;
      }
    }
  }
  return checked;
}

/** What the NetworkPolicy tier alone allows in an explained direction (everything when it does not isolate). */
function networkPolicyAllowed(explained: DirectionExplanation, ports: PortSet): PortSet {
  if (!explained.isolated) return ports;
  return explained.reasons
    .filter((r) => (r.tier ?? "NetworkPolicy") === "NetworkPolicy" && r.effect === "allows")
    .reduce((all, r) => all.union(r.ports ?? PortSet.EMPTY), PortSet.EMPTY);
}

/** The ports an Admin-tier rule allows or denies in an explained direction. */
function adminDecided(explained: DirectionExplanation): PortSet {
  return explained.reasons
    .filter((r) => r.tier === "Admin" && (r.effect === "allows" || r.effect === "denies"))
    .reduce((all, r) => all.union(r.ports ?? PortSet.EMPTY), PortSet.EMPTY);
}

function directionOf(cause: Cause): Direction {
  const direction = cause.rule?.direction ?? cause.direction;
  expect(direction, `${cause.object}: ${cause.detail} names its direction`).toBeDefined();
  return direction as Direction;
}

/** On the ports where the direction changed: the policy decided them differently, as the cause says. */
function checkCause(
  cause: Cause,
  base: DirectionExplanation | undefined,
  head: DirectionExplanation | undefined,
  opened: boolean,
  message: string,
): void {
  if (!base || !head) throw new Error(message);
  const [allowedSide, deniedSide] = opened ? [head, base] : [base, head];
  expect(policyDecision(base, cause.object), `${message}: policy decision changed`).not.toBe(
    policyDecision(head, cause.object),
  );
  if (cause.rule) {
    // The rule allowed the traffic where it was allowed (`index` is the rule's index on that side).
    const reason = allowedSide.reasons.find(
      (r) => r.policy === cause.object && r.rule === cause.rule?.index && r.effect === "allows",
    );
    expect(reason, `${message}: explain names the rule as allowing`).toBeDefined();
  } else {
    // Isolation: the policy selects the pods and admits none of the traffic where it was denied.
    const reason = deniedSide.reasons.find((r) => r.policy === cause.object);
    expect(reason?.effect, `${message}: explain says it isolates`).toBe("isolates");
  }
}

describe("causes agree with explain", () => {
  it("on every opened and closed pair of random tree pairs and of single policy edits", () => {
    let checked = 0;
    for (const seed of SEEDS) {
      const base = randomTree(seed);
      for (const [head, at] of [
        [randomTree(seed + 10_000), `seed ${seed} vs ${seed + 10_000}`],
        [editOnePolicy(base, seed), `seed ${seed} edited`],
      ] as const) {
        const diff = diffReachability(base, head);
        const attributor = new Attributor(diff);
        for (const block of diff.openedBlocks) checked += checkBlock(diff, attributor, block, true, at);
        for (const block of diff.closedBlocks) checked += checkBlock(diff, attributor, block, false, at);
      }
    }
    expect(checked).toBeGreaterThan(1000);
  });
});

describe("one count of paths", () => {
  it("the groups of a review stand for exactly the endpoint pairs its counts give, on random tree pairs", () => {
    for (const seed of SEEDS.slice(0, 50)) {
      const review = buildReview({
        base: randomTree(seed),
        head: randomTree(seed + 10_000),
        baseRevision: { label: "base" },
        headRevision: { label: "head" },
      });
      const pairs = (groups: typeof review.opened) => groups.reduce((n, g) => n + g.pairs, 0);
      expect(pairs(review.opened), `seed ${seed} opened`).toBe(review.stats.openedPairs);
      expect(pairs(review.closed), `seed ${seed} closed`).toBe(review.stats.closedPairs);
    }
  });
});

describe("explain --base agrees with the verdicts", () => {
  it("names a change for a flow exactly when its verdict changed, on random tree pairs", () => {
    for (const seed of SEEDS.slice(0, 40)) {
      const input = {
        base: randomTree(seed),
        head: randomTree(seed + 10_000),
        baseRevision: { label: "base" },
        headRevision: { label: "head" },
      };
      const diff = diffReachability(input.base, input.head);
      const review = reviewOfDiff(diff, input);
      const headIds = new Set(diff.head.endpoints.map((e) => e.id));
      const both = diff.base.endpoints.filter((e) => headIds.has(e.id));
      for (const src of both) {
        for (const dst of both) {
          if (src === dst && !hasSelfPair(src)) continue;
          const base = explained(diff.base, src.id, dst.id, PortSet.ALL)?.allowed;
          const head = explained(diff.head, src.id, dst.id, PortSet.ALL)?.allowed;
          const changes = flowChanges(review, src.id, dst.id);
          const said = changes.opened.length + changes.closed.length > 0;
          expect(said, `seed ${seed}: ${src.id} => ${dst.id} (${base} -> ${head})`).toBe(
            !base?.equals(head as PortSet),
          );
        }
      }
    }
  });
});
