import { type Endpoint, isPodEndpoint } from "../../model/endpoint.js";
import type { Labels } from "../../model/labels.js";
import { type Direction, ruleName } from "../../model/network-policy.js";
import { PortSet } from "../../model/port-set.js";
import { type TierStep, walkTiers } from "../admin/tier-walk.js";
import type { ClusterAnalysis, EndpointClass } from "../cluster.js";
import type { CompiledPolicy } from "../compile.js";
import type { PairBlock, ReachDiff } from "../diff.js";
import { directionAllows, effectiveAllows } from "../evaluate.js";
import { policyContentKey, ruleContentKey } from "../policy-content.js";
import { ruleAdmitsPeer, rulePortsAt } from "../rule-match.js";
import { type AdminSide, adminCauses } from "./admin-attribution.js";
import type { AttributedBlock } from "./group.js";
import type { Cause } from "./types.js";

interface Side {
  readonly analysis: ClusterAnalysis;
  readonly indexById: ReadonlyMap<string, number>;
  readonly policyByName: ReadonlyMap<string, CompiledPolicy>;
}

/**
 * Names the changes that made a pair open or close: new, removed or edited policies (down to
 * the rule) that decide the source's egress or the destination's ingress, workloads that
 * appeared or went, and label or port changes on either end or on their namespaces.
 */
export class Attributor {
  private readonly base: Side;
  private readonly head: Side;
  private readonly adminBase: AdminSide;
  private readonly adminHead: AdminSide;
  private readonly ownCausesById = new Map<string, Cause[]>();

  constructor(diff: ReachDiff) {
    this.base = side(diff.base);
    this.head = side(diff.head);
    this.adminBase = { analysis: diff.base, classOf: (id) => this.classAt(this.base, id) };
    this.adminHead = { analysis: diff.head, classOf: (id) => this.classAt(this.head, id) };
  }

  /**
   * The causes a block's pairs share: every source of a block has the same classes on both
   * sides, and so does every destination, so policy causes are the same for all its pairs.
   * A workload's own changes (added, relabelled) are `ownCauses`, attached when grouping.
   */
  blockCauses(block: PairBlock, opened: boolean): AttributedBlock {
    const src = block.src[0] as Endpoint;
    const dst = block.dst[0] as Endpoint;
    const policy: Cause[] = [
      ...this.policyCauses("egress", src, dst, block.ports, opened),
      ...this.policyCauses("ingress", dst, src, block.ports, opened),
    ];
    for (const [direction, subject, peer] of [
      ["egress", src, dst],
      ["ingress", dst, src],
    ] as const) {
      policy.push(
        ...adminCauses(this.adminBase, this.adminHead, direction, subject.id, peer.id, block.ports),
      );
    }
    return { ...block, causes: unique(policy) };
  }

  /** A workload's own changes: added, removed, relabelled (worked out once per endpoint). */
  ownCauses(endpoint: Endpoint): readonly Cause[] {
    let own = this.ownCausesById.get(endpoint.id);
    if (!own) {
      own = this.endpointCauses(endpoint);
      this.ownCausesById.set(endpoint.id, own);
    }
    return own;
  }

  private endpointCauses(endpoint: Endpoint): Cause[] {
    if (!isPodEndpoint(endpoint)) return [];
    const before = this.podAt(this.base, endpoint.id);
    const after = this.podAt(this.head, endpoint.id);
    const workload = (after ?? before)?.workload;
    if (!workload) return [];
    const object = `${workload.kind} ${workload.namespace}/${workload.name}`;
    if (!before || !after) {
      return [
        {
          kind: after ? "workload-added" : "workload-removed",
          object,
          side: after ? "head" : "base",
          ...workload.source,
          detail: after ? "new workload" : "workload removed",
        },
      ];
    }
    const causes: Cause[] = [];
    const at = { side: "head" as const, ...workload.source };
    const labelChange = describeLabelChange(before.podLabels, after.podLabels);
    if (labelChange)
      causes.push({ kind: "pod-labels-changed", object, ...at, detail: `pod labels ${labelChange}` });
    if (JSON.stringify(before.ports) !== JSON.stringify(after.ports)) {
      causes.push({ kind: "ports-changed", object, ...at, detail: "container ports changed" });
    }
    const nsChange = describeLabelChange(
      this.base.analysis.namespaces.get(endpoint.namespace) ?? {},
      this.head.analysis.namespaces.get(endpoint.namespace) ?? {},
    );
    if (nsChange) {
      const ns = this.head.analysis.tree.namespaces.find((n) => n.name === endpoint.namespace);
      causes.push({
        kind: "namespace-labels-changed",
        object: `Namespace ${endpoint.namespace}`,
        side: "head",
        file: ns?.source.file ?? workload.source.file,
        line: ns?.source.line ?? workload.source.line,
        detail: `namespace labels ${nsChange}`,
      });
    }
    return causes;
  }

  /**
   * Opened: a rule at head now admits the peer on the gained ports (new policy, new or edited
   * rule), or the subject is no longer isolated. Closed: the rule at base that admitted it is
   * gone or edited, or the subject became isolated.
   */
  private policyCauses(
    direction: Direction,
    subject: Endpoint,
    peer: Endpoint,
    ports: PortSet,
    opened: boolean,
  ): Cause[] {
    const before = this.classAt(this.base, subject.id);
    const after = this.classAt(this.head, subject.id);
    const beforePolicies = before?.selectedBy[direction] ?? [];
    const afterPolicies = after?.selectedBy[direction] ?? [];
    const [now, then, nowSide, thenSide] = opened
      ? [afterPolicies, beforePolicies, this.head, this.base]
      : [beforePolicies, afterPolicies, this.base, this.head];
    const causes: Cause[] = [];
    // Only the ports on which this direction's NetworkPolicy decision changed can have causes here.
    const changed = this.networkPolicyChange(direction, subject, peer, ports, opened);
    if (changed.isEmpty()) return causes;

    // Isolation lifted (opened) or imposed (closed): every policy that stopped or started selecting.
    if (now.length === 0 && then.length > 0) {
      for (const p of then) causes.push(this.selectionCause(p, direction, opened ? "stopped" : "started"));
      return causes;
    }
    const peerClass = this.classAt(nowSide, peer.id);
    const subjectClass = opened ? after : before;
    if (!peerClass || !subjectClass) return causes;
    const destination = direction === "egress" ? peerClass : subjectClass;
    for (const compiled of now) {
      const counterpart = thenSide.policyByName.get(policyKey(compiled));
      const sameContent =
        counterpart !== undefined &&
        policyContentKey(counterpart.policy) === policyContentKey(compiled.policy);
      for (const rule of compiled.rules[direction] ?? []) {
        if (!ruleAdmitsPeer(rule, peerClass) || rulePortsAt(rule, destination).intersect(changed).isEmpty())
          continue;
        if (sameContent) {
          // The policy did not change; if it selects the subject on one side only, the subject's labels moved.
          const subjectExistedThen = (opened ? before : after) !== undefined;
          if (subjectExistedThen && !thenSelects(then, compiled)) {
            causes.push(
              this.selectionChangedCause(
                opened ? compiled : (counterpart as CompiledPolicy),
                direction,
                rule.rule.index,
                opened,
              ),
            );
          }
          continue;
        }
        // An edited policy that still has this rule (at any position) and selected the subject
        // before too did not cause this through it.
        const key = ruleContentKey(rule.rule);
        const stillThere = counterpart?.rules[direction]?.some((r) => ruleContentKey(r.rule) === key);
        if (stillThere && thenSelects(then, compiled)) continue;
        causes.push(
          this.ruleCause(compiled, counterpart, direction, rule.rule.index, rule.rule.line, opened, nowSide),
        );
      }
    }
    return causes;
  }

  /**
   * The part of `ports` on which the NetworkPolicy decision of this direction (the subject's
   * egress, or its ingress) changed the way the block did: allowed at head and not at base when
   * opened, the other way when closed, and not decided by the Admin tier at head (there, the
   * Admin tier's decision stands whatever NetworkPolicy says, so no NetworkPolicy edit made it). A
   * direction whose decision did not change is no cause, however its policies changed (a new
   * policy whose egress is `[{}]` isolates nothing). An endpoint that exists on one side only
   * changed on every port.
   */
  private networkPolicyChange(
    direction: Direction,
    subject: Endpoint,
    peer: Endpoint,
    ports: PortSet,
    opened: boolean,
  ): PortSet {
    const at = (s: Side) => {
      const subjectClass = this.classAt(s, subject.id);
      const peerClass = this.classAt(s, peer.id);
      if (!subjectClass || !peerClass) return undefined;
      return {
        networkPolicy: directionAllows(direction, subjectClass, peerClass),
        effective: effectiveAllows(s.analysis, direction, subjectClass, peerClass),
        admin:
          s === this.head
            ? adminDecided(s.analysis, direction, subjectClass, peerClass, ports)
            : PortSet.EMPTY,
      };
    };
    const before = at(this.base);
    const after = at(this.head);
    if (!before || !after) return ports;
    const gainedOrLost = (from: PortSet, to: PortSet) => (opened ? to.subtract(from) : from.subtract(to));
    return ports
      .intersect(gainedOrLost(before.effective, after.effective))
      .intersect(gainedOrLost(before.networkPolicy, after.networkPolicy))
      .subtract(after.admin);
  }

  private ruleCause(
    compiled: CompiledPolicy,
    counterpart: CompiledPolicy | undefined,
    direction: Direction,
    index: number,
    line: number,
    opened: boolean,
    at: Side,
  ): Cause {
    const { policy } = compiled;
    const object = `NetworkPolicy ${policy.namespace}/${policy.name}`;
    const where = {
      side: at === this.head ? ("head" as const) : ("base" as const),
      file: policy.source.file,
      line,
    };
    const rule = { direction, index };
    if (!counterpart) {
      return opened
        ? {
            kind: "policy-added",
            object,
            ...where,
            rule,
            detail: `new policy; its ${ruleName(direction, index)} allows this traffic`,
          }
        : {
            kind: "policy-removed",
            object,
            ...where,
            rule,
            detail: `policy removed; its ${ruleName(direction, index)} allowed this traffic`,
          };
    }
    // The policy still exists on the other side: point at head, where a reviewer can comment.
    if (opened) {
      return {
        kind: "policy-changed",
        object,
        side: "head",
        file: policy.source.file,
        line,
        rule,
        detail: `${ruleName(direction, index)} now allows this traffic`,
      };
    }
    // The base rule that allowed it may have moved (same content, another index), been edited in
    // place (same number of rules), or been removed (then the rule now at its index is unrelated).
    const baseRule = policy[direction][index];
    const headPolicy = counterpart.policy;
    const headRules = headPolicy[direction];
    const moved = headRules.find((r) => ruleContentKey(r) === ruleContentKey(baseRule));
    const editedInPlace =
      !moved && headRules.length === policy[direction].length ? headRules[index] : undefined;
    const now = moved ?? editedInPlace;
    return {
      kind: "policy-changed",
      object,
      side: "head",
      file: headPolicy.source.file,
      line: now?.line ?? headPolicy.source.line,
      rule,
      detail: moved
        ? `${ruleName(direction, index)} (now rule ${moved.index + 1}) no longer allows this traffic`
        : editedInPlace
          ? `${ruleName(direction, index)} no longer allows this traffic`
          : `${ruleName(direction, index)} at base, which allowed this traffic, was removed`,
    };
  }

  /** `headVersion`: the policy as it is at head (unchanged in content), where a reviewer can look. */
  private selectionChangedCause(
    headVersion: CompiledPolicy,
    direction: Direction,
    index: number,
    opened: boolean,
  ): Cause {
    const { policy } = headVersion;
    const role = direction === "egress" ? "the source" : "the destination";
    return {
      kind: "selection-changed",
      object: `NetworkPolicy ${policy.namespace}/${policy.name}`,
      side: "head",
      file: policy.source.file,
      line: policy[direction][index]?.line ?? policy.source.line,
      rule: { direction, index },
      detail: opened
        ? `now selects ${role}; its ${ruleName(direction, index)} allows this traffic`
        : `no longer selects ${role}; its ${ruleName(direction, index)} allowed this traffic`,
    };
  }

  /** A policy that started or stopped selecting the subject, making it isolated or not. */
  private selectionCause(
    compiled: CompiledPolicy,
    direction: Direction,
    change: "started" | "stopped",
  ): Cause {
    const { policy } = compiled;
    const role = direction === "egress" ? "the source" : "the destination";
    const object = `NetworkPolicy ${policy.namespace}/${policy.name}`;
    const inHead = this.head.policyByName.get(policyKey(compiled));
    const source = (inHead ?? compiled).policy.source;
    const side = inHead ? ("head" as const) : ("base" as const);
    if (!inHead) {
      return {
        kind: "policy-removed",
        object,
        direction,
        side,
        ...source,
        detail: `policy removed; ${role} is no longer isolated for ${direction}`,
      };
    }
    const existedBefore = this.base.policyByName.has(policyKey(compiled));
    if (!existedBefore) {
      return {
        kind: "policy-added",
        object,
        direction,
        side,
        ...source,
        detail: `new policy isolates ${role} for ${direction}`,
      };
    }
    const inBase = this.base.policyByName.get(policyKey(compiled)) as CompiledPolicy;
    const changed = policyContentKey(inHead.policy) !== policyContentKey(inBase.policy);
    return {
      kind: changed ? "policy-changed" : "selection-changed",
      object,
      direction,
      side,
      ...source,
      detail:
        change === "started"
          ? `now selects ${role}, isolating it for ${direction}`
          : `no longer selects ${role}, which is no longer isolated for ${direction}`,
    };
  }

  private podAt(s: Side, id: string) {
    const index = s.indexById.get(id);
    const e = index === undefined ? undefined : s.analysis.endpoints[index];
    return e && isPodEndpoint(e) ? e : undefined;
  }

  private classAt(s: Side, id: string): EndpointClass | undefined {
    const index = s.indexById.get(id);
    return index === undefined ? undefined : s.analysis.classes[s.analysis.classOf[index] as number];
  }
}

/** The ports of `ports` the Admin tier decides (Allow or Deny) for this direction, before NetworkPolicy. */
function adminDecided(
  analysis: ClusterAnalysis,
  direction: Direction,
  subject: EndpointClass,
  peer: EndpointClass,
  ports: PortSet,
): PortSet {
  if (analysis.admin.policies.length === 0) return PortSet.EMPTY;
  const steps: TierStep[] = [];
  walkTiers(analysis.admin, direction, subject, peer, () => PortSet.EMPTY, { restrict: ports, steps });
  let decided = PortSet.EMPTY;
  for (const step of steps) {
    if (step.tier === "Admin" && step.action !== "Pass") decided = decided.union(step.ports);
  }
  return decided;
}

function unique(causes: readonly Cause[]): Cause[] {
  return [...new Map(causes.map((c) => [`${c.kind}|${c.object}|${c.detail}`, c])).values()];
}

function thenSelects(then: readonly CompiledPolicy[], compiled: CompiledPolicy): boolean {
  return then.some((p) => policyKey(p) === policyKey(compiled));
}

function policyKey(p: CompiledPolicy): string {
  return `${p.policy.namespace}/${p.policy.name}`;
}

function side(analysis: ClusterAnalysis): Side {
  const policyByName = new Map<string, CompiledPolicy>();
  for (const p of analysis.policies) if (!policyByName.has(policyKey(p))) policyByName.set(policyKey(p), p);
  return { analysis, indexById: new Map(analysis.endpoints.map((e, i) => [e.id, i])), policyByName };
}

/** `tier: web → frontend, +canary=true, -legacy`; empty when nothing changed. */
export function describeLabelChange(before: Labels, after: Labels): string {
  const parts: string[] = [];
  for (const key of [...new Set([...Object.keys(before), ...Object.keys(after)])].sort()) {
    const was = before[key];
    const is = after[key];
    if (was === is) continue;
    if (was === undefined) parts.push(`+${key}=${is}`);
    else if (is === undefined) parts.push(`-${key}=${was}`);
    else parts.push(`${key}: ${was} → ${is}`);
  }
  return parts.join(", ");
}
