import type { LintContext } from "../lint/context.js";
import type { LintRule } from "../lint/rule.js";
import { adminMissingDescriptions, MISSING_DESCRIPTION } from "./lint-missing-description.js";
import { ADMIN_PRIORITY_CONFLICT, adminPriorityConflicts } from "./lint-priority-conflict.js";
import { SHADOWED_ADMIN_RULE, shadowedAdminRules } from "./lint-shadowed-rule.js";
import { UNANALYSABLE_PEER, unanalysablePeers } from "./lint-unanalysable-peer.js";

/**
 * The admin policy rules in the shape of src/analysis/lint's registry. Registering them is one
 * line in `LINT_RULES`: `...ADMIN_LINT_RULES`. `adminMissingDescription` shares its id with the
 * NetworkPolicy rule `missing-description` and covers the three cluster-scoped kinds only.
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

export const adminMissingDescription: LintRule = {
  id: MISSING_DESCRIPTION,
  defaultSeverity: "warning",
  summary:
    "An AdminNetworkPolicy, BaselineAdminNetworkPolicy or ClusterNetworkPolicy has no documentation annotation.",
  check: (context: LintContext) =>
    adminMissingDescriptions(context.tree.adminPolicies, context.descriptionAnnotations),
};

export const ADMIN_LINT_RULES: readonly LintRule[] = [
  adminMissingDescription,
  adminPriorityConflict,
  unanalysablePeer,
  shadowedAdminRule,
];
