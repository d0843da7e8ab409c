import type { DirectionExplanation, FlowExplanation, Reason } from "../analysis/review/types.js";

/** One flow's verdict and every deciding policy, for a terminal. */
export function flowText(flow: FlowExplanation): string {
  const verdict = flow.allowed.isEmpty() ? "denied" : `allowed: ${flow.allowed}`;
  return [
    `${flow.from} => ${flow.to} : ${verdict}`,
    directionText(flow.egress, flow.from),
    directionText(flow.ingress, flow.to),
  ].join("\n");
}

function directionText(direction: DirectionExplanation, subject: string): string {
  const head = `  ${direction.direction} of ${subject}: ${direction.isolated ? `isolated, allows ${direction.allowed}` : "not isolated"}`;
  return [head, ...direction.reasons.map(reasonText)].join("\n");
}

function reasonText(reason: Reason): string {
  if (reason.effect === "not-isolated") return `    ${reason.detail}`;
  const rule = reason.rule === null ? "" : ` rule #${reason.rule}`;
  const where = reason.file === null ? "" : ` (${reason.file}:${reason.line})`;
  const tier = reason.tier ? `[${reason.tier}] ` : "";
  return `    ${tier}${reason.effect.padEnd(8)} ${reason.policy}${rule}${where}: ${reason.detail}`;
}

/**
 * The contract's explain JSON (CLI-JSON.md). `reasons` keeps to the contract's three effects:
 * an admin Deny is `isolates`, and a direction that no policy of any tier decides has exactly
 * one `not-isolated` reason. The full tier walk, Pass steps included, is the added `tierWalk`.
 */
export function flowJson(flow: FlowExplanation) {
  const all = [...flow.egress.reasons, ...flow.ingress.reasons];
  const reasons = [flow.egress, flow.ingress].flatMap((direction) => {
    const deciding = direction.reasons
      .filter((r) => r.effect !== "passes" && r.effect !== "not-isolated")
      .map((r) => ({ ...r, effect: r.effect === "denies" ? ("isolates" as const) : r.effect }));
    if (deciding.length > 0) return deciding;
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
