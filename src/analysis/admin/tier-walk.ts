import type { AdminAction } from "../../model/admin-policy.js";
import type { Direction } from "../../model/network-policy.js";
import { PortSet } from "../../model/port-set.js";
import type { EndpointClass } from "../cluster.js";
import { ruleAdmitsPeer, rulePortsAt } from "../rule-match.js";
import {
  type AdminAnalysis,
  type CompiledAdminPolicy,
  type CompiledAdminRule,
  selectingAdminPolicies,
} from "./compile-admin.js";

/** One decision of the walk, in the order it was taken; `ports` is what this step decided. */
export type TierStep =
  | {
      /** An Admin-tier or Baseline-tier rule matched part of the traffic that nothing had decided yet. */
      readonly tier: "Admin" | "Baseline";
      readonly policy: CompiledAdminPolicy;
      readonly rule: CompiledAdminRule;
      readonly action: AdminAction;
      readonly ports: PortSet;
    }
  | {
      /** NetworkPolicies select the pod for this direction: they decide all that reached them. */
      readonly tier: "NetworkPolicy";
      readonly allowed: PortSet;
      readonly denied: PortSet;
    }
  | {
      /** No tier decided these ports: Kubernetes allows them. */
      readonly tier: "Default";
      readonly ports: PortSet;
    };

export interface TierWalkOptions {
  /** Only these ports are walked (an explain question about one port); every port when absent. */
  readonly restrict?: PortSet;
  /** Receives each step, for explanations and lint; the plain evaluation passes none. */
  readonly steps?: TierStep[];
}

/**
 * What one direction allows when every tier has spoken (per port, at the source for egress and
 * at the destination for ingress):
 *
 * 1. Admin tier, policies by precedence and rules in order: the first rule that matches a port
 *    decides it. Allow allows, Deny denies, Pass sends it on to step 2.
 * 2. NetworkPolicy: when some NetworkPolicy selects the pod for this direction, it decides every
 *    port that reached it (`networkPolicyAllows`: the union of its rules).
 * 3. Baseline tier, the same way as step 1: Allow allows, Deny denies (a Baseline-tier
 *    ClusterNetworkPolicy's Pass goes on to step 4).
 * 4. Whatever is left is allowed (Kubernetes' default).
 *
 * Traffic whose subject is an external address is not subject to any policy: everything.
 */
export function walkTiers(
  admin: AdminAnalysis,
  direction: Direction,
  subject: EndpointClass,
  peer: EndpointClass,
  networkPolicyAllows: () => PortSet,
  options: TierWalkOptions = {},
): PortSet {
  const restrict = options.restrict ?? PortSet.ALL;
  if (subject.external) return restrict;
  const { steps } = options;
  const destination = direction === "egress" ? peer : subject;

  const walkTier = (tier: "Admin" | "Baseline", start: PortSet) => {
    let undecided = start;
    let allowed = PortSet.EMPTY;
    let passed = PortSet.EMPTY;
    for (const policy of selectingAdminPolicies(admin, tier, subject)) {
      for (const rule of policy.rules[direction]) {
        if (!ruleAdmitsPeer(rule, peer)) continue;
        const ports = rulePortsAt(rule, destination).intersect(undecided);
        if (ports.isEmpty()) continue;
        const { action } = rule.rule;
        steps?.push({ tier, policy, rule, action, ports });
        if (action === "Allow") allowed = allowed.union(ports);
        else if (action === "Pass") passed = passed.union(ports);
        undecided = undecided.subtract(ports);
        if (undecided.isEmpty()) return { allowed, next: passed };
      }
    }
    return { allowed, next: undecided.union(passed) };
  };

  const adminTier = walkTier("Admin", restrict);
  if (adminTier.next.isEmpty()) return adminTier.allowed;

  if (subject.selectedBy[direction].length > 0) {
    const allowed = networkPolicyAllows().intersect(adminTier.next);
    steps?.push({ tier: "NetworkPolicy", allowed, denied: adminTier.next.subtract(allowed) });
    return adminTier.allowed.union(allowed);
  }

  const baseline = walkTier("Baseline", adminTier.next);
  // A Baseline-tier Pass and ports no rule matched both end in the default allow.
  if (!baseline.next.isEmpty()) steps?.push({ tier: "Default", ports: baseline.next });
  return adminTier.allowed.union(baseline.allowed).union(baseline.next);
}
