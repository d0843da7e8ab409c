import { adminPolicyName } from "../../model/admin-policy.js";
import type { Finding } from "../../model/finding.js";
import { DIRECTIONS, type Direction } from "../../model/network-policy.js";
import type { ClusterAnalysis, EndpointClass } from "../cluster.js";
import { directionAllows } from "../evaluate.js";
import { ruleAdmitsPeer, rulePortsAt } from "../rule-match.js";
import type { CompiledAdminPolicy, CompiledAdminRule } from "./compile-admin.js";
import { adminObject, adminRuleLabel } from "./describe.js";
import { type TierStep, walkTiers } from "./tier-walk.js";

export const SHADOWED_ADMIN_RULE = "shadowed-admin-rule";

/**
 * An admin or baseline rule that can never match: for every pair of endpoint classes it would
 * apply to (a subject its policy selects, a peer it names, a port it names), the tier walk
 * decides all of that traffic before reaching it, through an earlier rule of the same policy, a
 * policy evaluated earlier, a Pass, or (for a baseline rule) the NetworkPolicies that isolate
 * the subject. Judged over the tree's endpoints, including the stand-ins for pods the policies
 * name but the repository does not hold; a rule that applies to no endpoint at all is left to
 * other rules (unanalysable-peer, or a subject that selects nothing).
 */
export function shadowedAdminRules(analysis: ClusterAnalysis): Finding[] {
  const { admin, classes } = analysis;
  if (admin.policies.length === 0) return [];
  const walks = new Map<string, TierStep[]>();
  const stepsOf = (direction: Direction, subject: EndpointClass, peer: EndpointClass): TierStep[] => {
    const key = `${direction}|${subject.index}|${peer.index}`;
    let steps = walks.get(key);
    if (!steps) {
      steps = [];
      walkTiers(admin, direction, subject, peer, () => directionAllows(direction, subject, peer), { steps });
      walks.set(key, steps);
    }
    return steps;
  };

  const out: Finding[] = [];
  for (const policy of admin.policies) {
    const subjects = classes.filter((c) => !c.external && c.matchers.has(policy.subject.id));
    if (subjects.length === 0) continue;
    for (const direction of DIRECTIONS) {
      for (const rule of policy.rules[direction]) {
        const deciders = shadowing(policy, rule, direction, subjects, classes, stepsOf);
        if (deciders === null) continue;
        const label = adminRuleLabel(direction, rule.rule);
        out.push({
          rule: SHADOWED_ADMIN_RULE,
          severity: "warning",
          file: policy.policy.source.file,
          line: rule.rule.line,
          object: adminObject(policy.policy),
          message: `${label.charAt(0).toUpperCase()}${label.slice(1)} never matches any traffic: everything it would match is decided first by ${joinAnd(deciders)}.`,
          fix: "Remove the rule, or move it before the rules that decide its traffic (for another policy: give this one a lower priority number).",
        });
      }
    }
  }
  return out;
}

/** What decides all of the rule's traffic first, or null when the rule matches something (or nothing applies). */
function shadowing(
  policy: CompiledAdminPolicy,
  rule: CompiledAdminRule,
  direction: Direction,
  subjects: readonly EndpointClass[],
  classes: readonly EndpointClass[],
  stepsOf: (direction: Direction, subject: EndpointClass, peer: EndpointClass) => TierStep[],
): string[] | null {
  let applies = false;
  const deciders = new Set<string>();
  for (const subject of subjects) {
    for (const peer of classes) {
      if (!ruleAdmitsPeer(rule, peer)) continue;
      const ports = rulePortsAt(rule, direction === "egress" ? peer : subject);
      if (ports.isEmpty()) continue;
      applies = true;
      const steps = stepsOf(direction, subject, peer);
      for (const step of steps) {
        if (step.tier === "Default") continue;
        if (step.tier === "NetworkPolicy") {
          if (!step.allowed.union(step.denied).intersect(ports).isEmpty()) {
            deciders.add(
              "the NetworkPolicies that select these pods (they decide all traffic that reaches their tier)",
            );
          }
          continue;
        }
        if (step.rule === rule) return null;
        if (step.ports.intersect(ports).isEmpty()) continue;
        const what = adminRuleLabel(direction, step.rule.rule);
        deciders.add(
          step.policy === policy ? `the earlier ${what}` : `${adminPolicyName(step.policy.policy)} ${what}`,
        );
      }
    }
  }
  return applies && deciders.size > 0 ? [...deciders] : null;
}

function joinAnd(items: readonly string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}
