import type { LintContext } from "../lint/context.js";
import type { LintRule } from "../lint/rule.js";
import { ADMIN_PRIORITY_CONFLICT, adminPriorityConflicts } from "./lint-priority-conflict.js";
import { SHADOWED_ADMIN_RULE, shadowedAdminRules } from "./lint-shadowed-rule.js";
import { UNANALYSABLE_PEER, unanalysablePeers } from "./lint-unanalysable-peer.js";

/**
 * The admin policy rules, registered in src/analysis/lint/registry.ts. (`missing-description`
 * covers the admin kinds itself.)
 */
export const adminPriorityConflict: LintRule = {
  id: ADMIN_PRIORITY_CONFLICT,
  defaultSeverity: "warning",
  summary:
    "Two admin policies of one tier have the same priority and can select the same pods: their order is undefined.",
  check: (context: LintContext) => adminPriorityConflicts(context.tree.adminPolicies),
};

export const unanalysablePeer: LintRule = {
  id: UNANALYSABLE_PEER,
  defaultSeverity: "warning",
  summary:
    "An admin policy peer the manifests cannot resolve (nodes, domainNames; networks that can hold pod IPs, as a notice).",
  check: (context: LintContext) => unanalysablePeers(context.tree.adminPolicies),
};

export const shadowedAdminRule: LintRule = {
  id: SHADOWED_ADMIN_RULE,
  defaultSeverity: "warning",
  summary: "An admin policy rule never matches: earlier rules, policies or tiers decide all of its traffic.",
  check: (context: LintContext) => shadowedAdminRules(context.analysis),
};

export const ADMIN_LINT_RULES: readonly LintRule[] = [
  adminPriorityConflict,
  unanalysablePeer,
  shadowedAdminRule,
];
