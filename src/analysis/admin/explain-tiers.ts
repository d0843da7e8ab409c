import { type AdminPolicyKind, adminPolicyName, adminRuleName } from "../../model/admin-policy.js";
import type { Direction } from "../../model/network-policy.js";
import { PortSet } from "../../model/port-set.js";
import type { ClusterAnalysis, EndpointClass } from "../cluster.js";
import { directionAllows } from "../evaluate.js";
import { adminRuleLabel } from "./describe.js";
import { type TierStep, walkTiers } from "./tier-walk.js";

/** One step of the tier walk, in the shape of explain's reasons (`policy` names the kind). */
export interface TierReason {
  readonly direction: Direction;
  readonly tier: "Admin" | "NetworkPolicy" | "Baseline" | "Default";
  readonly effect: "allows" | "denies" | "passes" | "decides" | "default-allows";
  /** `AdminNetworkPolicy pass-monitoring`; null for the NetworkPolicy tier as a whole and the default. */
  readonly policy: string | null;
  readonly kind: AdminPolicyKind | null;
  /** 0-based index of the deciding rule in its list; null for the NetworkPolicy tier and the default. */
  readonly rule: number | null;
  readonly ruleName?: string;
  readonly file: string | null;
  readonly line: number | null;
  /** What this step decided (within the question's ports). */
  readonly ports: PortSet;
  readonly detail: string;
}

export interface TierWalkExplanation {
  readonly direction: Direction;
  readonly allowed: PortSet;
  readonly reasons: readonly TierReason[];
  /** The walk in one line: `Admin Pass (AdminNetworkPolicy p ingress rule "x") → NetworkPolicy allows TCP 80`. */
  readonly summary: string;
}

const EFFECT = { Allow: "allows", Deny: "denies", Pass: "passes" } as const;

/** `all traffic` or `TCP 80,UDP 53`. */
function traffic(ports: PortSet): string {
  return ports.isAll() ? "all traffic" : ports.toString();
}

/**
 * Why one direction of a flow ends as it does, tier by tier, with the file and line of every
 * deciding rule. The NetworkPolicy step says what that tier decided; which NetworkPolicy rules
 * did it is what `explainDirection` (src/analysis/explain.ts) tells.
 */
export function explainTierWalk(
  analysis: ClusterAnalysis,
  direction: Direction,
  subject: EndpointClass,
  peer: EndpointClass,
  restrict: PortSet = PortSet.ALL,
): TierWalkExplanation {
  const steps: TierStep[] = [];
  const allowed = walkTiers(
    analysis.admin,
    direction,
    subject,
    peer,
    () => directionAllows(direction, subject, peer),
    {
      restrict,
      steps,
    },
  );
  const reasons = steps.flatMap((step) => reasonsOf(direction, step));
  const summary = subject.external
    ? "addresses outside the cluster are not subject to network policies"
    : reasons.map(summaryOf).join(" → ") || "nothing to decide";
  return { direction, allowed, reasons, summary };
}

function reasonsOf(direction: Direction, step: TierStep): TierReason[] {
  if (step.tier === "NetworkPolicy") {
    const out: TierReason[] = [];
    const base = { direction, tier: step.tier, policy: null, kind: null, rule: null, file: null, line: null };
    if (!step.allowed.isEmpty()) {
      out.push({
        ...base,
        effect: "allows",
        ports: step.allowed,
        detail: `the NetworkPolicies that select these pods allow ${traffic(step.allowed)}`,
      });
    }
    if (!step.denied.isEmpty()) {
      out.push({
        ...base,
        effect: "denies",
        ports: step.denied,
        detail: `the NetworkPolicies that select these pods isolate them for ${direction}: ${traffic(step.denied)} is not allowed by any of their rules`,
      });
    }
    return out;
  }
  if (step.tier === "Default") {
    return [
      {
        direction,
        tier: "Default",
        effect: "default-allows",
        policy: null,
        kind: null,
        rule: null,
        file: null,
        line: null,
        ports: step.ports,
        detail: `no tier decides ${traffic(step.ports)}: allowed by default`,
      },
    ];
  }
  const { policy } = step.policy;
  const { rule } = step.rule;
  const effect = EFFECT[step.action];
  const next =
    step.action !== "Pass" ? "" : step.tier === "Admin" ? " to the NetworkPolicy tier" : " to the default";
  return [
    {
      direction,
      tier: step.tier,
      effect,
      policy: adminPolicyName(policy),
      kind: policy.kind,
      rule: rule.index,
      ...(rule.name ? { ruleName: rule.name } : {}),
      file: policy.source.file,
      line: rule.line,
      ports: step.ports,
      detail: `${adminPolicyName(policy)} ${effect} ${traffic(step.ports)}${next} by ${adminRuleLabel(direction, rule)}`,
    },
  ];
}

function summaryOf(reason: TierReason): string {
  if (reason.tier === "Default") return `default allows ${traffic(reason.ports)}`;
  if (reason.tier === "NetworkPolicy") return `NetworkPolicy ${reason.effect} ${traffic(reason.ports)}`;
  const action = reason.effect === "allows" ? "Allow" : reason.effect === "denies" ? "Deny" : "Pass";
  const rule = adminRuleName({
    index: reason.rule ?? 0,
    ...(reason.ruleName ? { name: reason.ruleName } : {}),
  });
  return `${reason.tier} ${action} ${traffic(reason.ports)} (${reason.policy} ${reason.direction} rule ${rule})`;
}
