import type { Finding } from "../../../model/finding.js";
import { describeSelector, isMatchAll } from "../../../model/selector.js";
import type { LintContext } from "../context.js";
import { listNames, policyObject } from "../describe.js";
import { finding, type LintRule } from "../rule.js";

const ID = "implicit-ingress-isolation";

/**
 * Without `policyTypes`, Kubernetes makes every policy isolate ingress, and egress too when it
 * has egress rules. A policy written only to restrict egress therefore also denies all ingress
 * to its pods that no other policy allows: a classic outage. Reported when `policyTypes` is
 * missing, the egress list is non-empty and there are no ingress rules (with ingress rules the
 * author evidently meant ingress to be restricted).
 */
export const implicitIngressIsolation: LintRule = {
  id: ID,
  defaultSeverity: "warning",
  summary: "A policy with egress rules and no policyTypes also isolates ingress, denying it.",
  check: (context: LintContext): Finding[] => {
    const out: Finding[] = [];
    for (const policy of context.tree.policies) {
      if (policy.policyTypesDeclared || policy.egress.length === 0 || policy.ingress.length > 0) continue;
      const compiled = context.compiled(policy);
      const denied: string[] = [];
      const limited: string[] = [];
      for (const cls of compiled ? context.subjectClasses(compiled) : []) {
        const names = context.workloadsOf(cls).map((w) => `${w.kind} ${w.namespace}/${w.name}`);
        const others = cls.selectedBy.ingress.filter((p) => p !== compiled);
        (others.length === 0 ? denied : limited).push(...names);
      }
      const pods = isMatchAll(policy.podSelector)
        ? `every pod in namespace ${policy.namespace}`
        : `the pods with ${describeSelector(policy.podSelector)}`;
      const effects: string[] = [];
      if (denied.length > 0) effects.push(`every incoming connection to ${listNames(denied)} is now denied`);
      if (limited.length > 0) {
        effects.push(
          `${listNames(limited)} now ${limited.length === 1 ? "accepts" : "accept"} only what other policies allow`,
        );
      }
      const effect =
        effects.length > 0
          ? effects.join("; ")
          : `every incoming connection to ${pods} that no other policy allows is denied`;
      out.push(
        finding(
          ID,
          "warning",
          policy.source,
          policyObject(policy),
          `The policy has egress rules but no policyTypes, so Kubernetes makes it isolate ingress as well; it has no ingress rules, so ${effect}.`,
          "If only egress was meant to be restricted, add policyTypes: [Egress]; if denying ingress is intended, write policyTypes: [Ingress, Egress] to say so.",
        ),
      );
    }
    return out;
  },
};
