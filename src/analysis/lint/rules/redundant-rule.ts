import type { Finding } from "../../../model/finding.js";
import type { Direction } from "../../../model/network-policy.js";
import { PortSet } from "../../../model/port-set.js";
import type { EndpointClass } from "../../cluster.js";
import type { CompiledPolicy, CompiledRule } from "../../compile.js";
import { placeRepresentative, representativeLabels } from "../../representative.js";
import { ruleAdmitsPeer, rulePortsAt } from "../../rule-match.js";
import type { LintContext } from "../context.js";
import { listNames, policyObject, ruleName } from "../describe.js";
import { finding, type LintRule } from "../rule.js";

const ID = "redundant-rule";

interface Contribution {
  readonly policy: CompiledPolicy;
  readonly rule: CompiledRule;
  readonly ports: PortSet;
}

/**
 * A rule is redundant when, for every pod its policy selects and every peer, what it allows is
 * contained in what the other rules (of this and every other policy selecting that pod, in the
 * same direction) allow. Evaluated with the engine per endpoint class, over the tree's classes
 * plus hypothetical pods carrying just the labels the policy's podSelector and the rule's peer
 * selectors require, so that a rule needed only by pods the repository does not hold yet is
 * not called redundant. Rules that allow nothing at all are left to other rules
 * (named-port-unresolved, peer-matches-nothing).
 */
export const redundantRule: LintRule = {
  id: ID,
  defaultSeverity: "notice",
  summary: "A rule allows nothing beyond what other rules for the same pods already allow.",
  check: (context: LintContext): Finding[] => {
    const { analysis } = context;
    const memo = new Map<string, Contribution[]>();
    const contributions = (
      direction: Direction,
      subject: EndpointClass,
      peer: EndpointClass,
    ): Contribution[] => {
      const key =
        subject.index >= 0 && peer.index >= 0 ? `${direction}|${subject.index}|${peer.index}` : undefined;
      const cached = key === undefined ? undefined : memo.get(key);
      if (cached) return cached;
      const destination = direction === "egress" ? peer : subject;
      const out: Contribution[] = [];
      for (const policy of subject.selectedBy[direction]) {
        for (const rule of policy.rules[direction] ?? []) {
          if (!ruleAdmitsPeer(rule, peer)) continue;
          const ports = rulePortsAt(rule, destination);
          if (!ports.isEmpty()) out.push({ policy, rule, ports });
        }
      }
      if (key !== undefined) memo.set(key, out);
      return out;
    };

    const out: Finding[] = [];
    // Rules reported so far count as deleted: of two rules that cover each other only one is
    // reported, the later one (rules are visited last to first), so following every fix keeps
    // the traffic allowed.
    const reported = new Set<CompiledRule>();
    for (const compiled of [...analysis.policies].reverse()) {
      const { policy } = compiled;
      const subjects = context.subjectClasses(compiled);
      const subjectLabels = representativeLabels(policy.podSelector);
      if (subjectLabels) {
        subjects.push(
          context.syntheticPodClass(
            policy.namespace,
            context.engineNamespaceLabels(policy.namespace),
            subjectLabels,
          ),
        );
      }
      for (const direction of ["ingress", "egress"] as const) {
        for (const rule of [...(compiled.rules[direction] ?? [])].reverse()) {
          const peers = [
            ...context.peerClasses(rule),
            ...representativePeers(context, rule).filter((peer) => ruleAdmitsPeer(rule, peer)),
          ];
          const coverers = new Set<Contribution>();
          let allowsSomething = false;
          let redundant = true;
          for (const subject of subjects) {
            for (const peer of peers) {
              const all = contributions(direction, subject, peer);
              const mine = all.find((c) => c.rule === rule);
              if (!mine) continue;
              allowsSomething = true;
              let others = PortSet.EMPTY;
              for (const c of all) {
                if (c === mine || reported.has(c.rule)) continue;
                others = others.union(c.ports);
                if (!c.ports.intersect(mine.ports).isEmpty()) coverers.add(c);
              }
              if (!others.contains(mine.ports)) {
                redundant = false;
                break;
              }
            }
            if (!redundant) break;
          }
          if (!allowsSomething || !redundant) continue;
          reported.add(rule);
          const names = [
            ...new Set(
              [...coverers].map((c) =>
                c.policy === compiled
                  ? ruleName(direction, c.rule.rule.index)
                  : `${ruleName(direction, c.rule.rule.index)} of ${policyObject(c.policy.policy)}`,
              ),
            ),
          ];
          out.push(
            finding(
              ID,
              "notice",
              { file: policy.source.file, line: rule.rule.line },
              policyObject(policy),
              `${ruleName(direction, rule.rule.index)} allows nothing that other rules do not already allow: for every pod this policy selects, ${listNames(names, 3)} already allow${names.length === 1 ? "s" : ""} the same traffic.`,
              "Delete the rule; if it was meant to allow something else, fix its peers or ports.",
            ),
          );
        }
      }
    }
    return out.reverse();
  },
};

/** Hypothetical pods carrying just the labels each of the rule's pod peers requires. */
function representativePeers(context: LintContext, rule: CompiledRule): EndpointClass[] {
  const out: EndpointClass[] = [];
  for (const matcher of rule.podMatchers) {
    const placement = placeRepresentative(matcher, context.analysis.namespaces);
    if (placement)
      out.push(
        context.syntheticPodClass(placement.namespace, placement.namespaceLabels, placement.podLabels),
      );
  }
  return out;
}
