import { ADMIN_LINT_RULES } from "../admin/lint-rules.js";
import type { LintRule } from "./rule.js";
import { allowAllRule } from "./rules/allow-all-rule.js";
import { broadSelector } from "./rules/broad-selector.js";
import { duplicatePolicy } from "./rules/duplicate-policy.js";
import { egressBlocksDns } from "./rules/egress-blocks-dns.js";
import { ignoredRules } from "./rules/ignored-rules.js";
import { implicitIngressIsolation } from "./rules/implicit-ingress-isolation.js";
import { invalidManifest } from "./rules/invalid-manifest.js";
import { ipblockExternal } from "./rules/ipblock-external.js";
import { missingDescription } from "./rules/missing-description.js";
import { namedPortUnresolved } from "./rules/named-port-unresolved.js";
import { namespaceWithoutDefaultDeny } from "./rules/namespace-without-default-deny.js";
import { peerMatchesNothing } from "./rules/peer-matches-nothing.js";
import { portEntryWithoutPort } from "./rules/port-entry-without-port.js";
import { redundantRule } from "./rules/redundant-rule.js";
import { selectsNothing } from "./rules/selects-nothing.js";
import { servicePortNotPodPort } from "./rules/service-port-not-pod-port.js";
import { unanalysedFile } from "./rules/unanalysed-file.js";

/**
 * Every lint rule, in the order docs/rules.md lists them. Adding a rule: one file under
 * `rules/`, one line here, one section in docs/rules.md, one test file.
 */
export const LINT_RULES: readonly LintRule[] = [
  invalidManifest,
  missingDescription,
  selectsNothing,
  peerMatchesNothing,
  egressBlocksDns,
  implicitIngressIsolation,
  ignoredRules,
  allowAllRule,
  broadSelector,
  servicePortNotPodPort,
  namedPortUnresolved,
  portEntryWithoutPort,
  ipblockExternal,
  namespaceWithoutDefaultDeny,
  duplicatePolicy,
  redundantRule,
  ...ADMIN_LINT_RULES,
  unanalysedFile,
];
