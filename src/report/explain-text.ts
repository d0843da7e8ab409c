import type { FlowChanges } from "../analysis/review/flow-changes.js";
import type { DirectionExplanation, FlowExplanation, Reason } from "../analysis/review/types.js";
import { ruleName } from "../model/network-policy.js";
import { escapeTerminal } from "./escape.js";
import { causeText, locationText } from "./wording.js";

/** One flow's verdict and every deciding policy, for a terminal. */
export function flowText(flow: FlowExplanation): string {
  const verdict = flow.allowed.isEmpty() ? "denied" : `allowed: ${flow.allowed}`;
  return [
    `${flow.from} => ${flow.to} : ${verdict}`,
    directionText(flow.egress, flow.from),
    directionText(flow.ingress, flow.to),
  ]
    .join("\n")
    .split("\n")
    .map(escapeTerminal)
    .join("\n");
}

function directionText(direction: DirectionExplanation, subject: string): string {
  const head = `  ${direction.direction} of ${subject}: ${direction.isolated ? `isolated, allows ${direction.allowed}` : "not isolated"}`;
  return [head, ...direction.reasons.map(reasonText)].join("\n");
}

function reasonText(reason: Reason): string {
  if (reason.effect === "not-isolated") return `    ${reason.detail}`;
  const rule = reason.rule === null ? "" : ` ${ruleName(reason.direction, reason.rule)}`;
  const where = reason.file === null ? "" : ` (${reason.file}:${reason.line})`;
  const tier = reason.tier ? `[${reason.tier}] ` : "";
  return `    ${tier}${reason.effect.padEnd(8)} ${reason.policy}${rule}${where}: ${reason.detail}`;
}

/**
 * The contract's explain JSON (CLI-JSON.md). `reasons` keeps to the contract's three effects:
 * an admin Deny is `isolates`; a direction that no policy of any tier decides has exactly one
 * `not-isolated` reason, and one that policies decide only in part also has the default's
 * `not-isolated` reason for the rest. The full tier walk, Pass steps included, is `tierWalk`.
 */
export function flowJson(flow: FlowExplanation) {
  const all = [...flow.egress.reasons, ...flow.ingress.reasons];
  const reasons = [flow.egress, flow.ingress].flatMap((direction) => {
    // Deciding reasons, plus what the default allows when a policy decided only part of the flow.
    const deciding = direction.reasons
      .filter((r) => r.effect !== "passes" && (r.effect !== "not-isolated" || r.tier === "Default"))
      .map((r) => ({ ...r, effect: r.effect === "denies" ? ("isolates" as const) : r.effect }));
    if (deciding.some((r) => r.effect !== "not-isolated")) return deciding;
    const notIsolated = direction.reasons.find((r) => r.effect === "not-isolated");
    return notIsolated ? [notIsolated] : [];
  });
  const json = (r: Reason) => ({
    direction: r.direction,
    effect: r.effect,
    policy: r.policy,
    rule: r.rule,
    file: r.file,
    line: r.line,
    detail: r.detail,
    ...(r.tier && { tier: r.tier }),
    ...(r.ports && { ports: r.ports.ranges() }),
  });
  return {
    from: flow.from,
    to: flow.to,
    allowed: flow.allowed.ranges(),
    reasons: reasons.map(json),
    ...(all.some((r) => r.tier) && { tierWalk: all.map(json) }),
  };
}

/** `explain --base` in a terminal: what the change did to the flow, and each cause with file:line. */
export function flowChangesText(changes: FlowChanges): string {
  const lines = [
    ...changes.opened.map((g) => [`+ opened ${g.ports}`, g] as const),
    ...changes.closed.map((g) => [`- closed ${g.ports}`, g] as const),
  ].flatMap(([what, group]) => [
    `  ${what}, because:`,
    ...group.causes.map(
      (c) => `    ${causeText(c)} (${locationText(c)}${c.side === "base" ? ", at base" : ""})`,
    ),
  ]);
  return lines.length === 0
    ? "What changed: nothing for this flow."
    : ["What changed:", ...lines.map(escapeTerminal)].join("\n");
}

/** The same for JSON: per opened or closed part, its ports and causes. */
export function flowChangesJson(changes: FlowChanges) {
  const part = (g: FlowChanges["opened"][number]) => ({ ports: g.ports.ranges(), causes: g.causes });
  return { opened: changes.opened.map(part), closed: changes.closed.map(part) };
}
