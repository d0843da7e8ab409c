import type { FlowChanges } from "../analysis/review/flow-changes.js";
import type {
  DirectionExplanation,
  FlowExplanation,
  PathGroup,
  Reason,
  Review,
} from "../analysis/review/types.js";
import { ruleName } from "../model/network-policy.js";
import { fitToLimit, shrinkingCaps } from "./budget.js";
import { escapeMarkdown, markdownCode, truncate } from "./escape.js";
import {
  causeMarkdown,
  comparedLine,
  locationMarkdown,
  MAX_CHARS,
  markdownTable,
  pathCellsMarkdown,
  type RenderOptions,
  richMarkdown,
} from "./review-markdown.js";
import { count, isBetweenOwnPods, pathsIn, portsText } from "./wording.js";

/**
 * Characters an explanation may take by default: a comment's 65,536 less room for what the
 * GitHub code adds around it (the quoted command, other answers in the same reply).
 */
export const REPLY_LIMIT = 60_000;

export interface ExplainOptions extends RenderOptions {
  /** The most characters the explanation may take (default `REPLY_LIMIT`). */
  readonly limit?: number;
}

/** Groups explained per list, and causes per group, before the reply summarises. */
const MAX_GROUPS = 100;
const MAX_CAUSES = 20;
/** Reasons per table cell of a flow explanation (one per selecting policy or admitting rule). */
const MAX_REASONS = 20;

/**
 * The reply to `/netpol explain`: for each opened and closed group, its verdict before and after
 * and every change that caused it (object, what changed, file:line).
 */
export function renderChangeExplanation(review: Review, options: ExplainOptions = {}): string {
  const title = "### Why each path changed";
  if (review.opened.length === 0 && review.closed.length === 0) {
    return `${title}\n\n${comparedLine(review)}\n\nNo paths opened or closed: nothing to explain.`;
  }
  const more = (singular: string, left: number) =>
    `_… and ${count(left, `more ${singular}`)}: run \`netpol-review diff\` for all of them._`;
  const section = (groups: readonly PathGroup[], opened: boolean, cap: number): string[] => {
    const blocks = groups.slice(0, cap).map((g) => groupExplanation(g, opened, options));
    if (groups.length > cap)
      blocks.push(more(opened ? "opened path" : "closed path", pathsIn(groups.slice(cap))));
    return blocks;
  };
  return fitToLimit(
    options.limit ?? REPLY_LIMIT,
    shrinkingCaps(MAX_GROUPS),
    (cap) =>
      [
        title,
        comparedLine(review),
        ...section(review.opened, true, cap),
        ...section(review.closed, false, cap),
      ].join("\n\n"),
    () =>
      `${title}\n\n${comparedLine(review)}\n\nToo many changes to explain here: run \`netpol-review diff\`.`,
  );
}

/** `src → dst`, or `between pods of X` for one endpoint's own pods. */
function pathMarkdown(group: PathGroup): string {
  const [src, dst] = pathCellsMarkdown(group);
  return isBetweenOwnPods(group) ? src : `${src} → ${dst}`;
}

function groupExplanation(group: PathGroup, opened: boolean, options: RenderOptions): string {
  const heading =
    `**${opened ? "➕ Opened" : "➖ Closed"}:** ${pathMarkdown(group)} ` +
    `on ${escapeMarkdown(portsText(group.ports))}`;
  const pairs = group.pairs === 1 ? "" : ` (${count(group.pairs, "path")})`;
  // A side that exists on one revision only was not denied there: it was not there at all.
  const oneSided = group.src.change !== undefined || group.dst.change !== undefined;
  const verdict = opened
    ? `${oneSided ? "Not present" : "Denied"} at base, allowed at head${pairs}.`
    : `Allowed at base, ${oneSided ? "not present" : "denied"} at head${pairs}.`;
  const causes =
    group.causes.length === 0
      ? [
          "- _No change in the manifests explains it (cluster context or a change outside the compared files?)._",
        ]
      : group.causes.slice(0, MAX_CAUSES).map((c) => `- ${causeMarkdown(c, options)}`);
  if (group.causes.length > MAX_CAUSES)
    causes.push(`- _and ${count(group.causes.length - MAX_CAUSES, "more cause")}_`);
  const blocks = [heading, `${verdict} What changed:`, causes.join("\n")];
  const example = group.example;
  const flow = example?.head ?? example?.base;
  if (example && flow) {
    const which =
      group.pairs === 1
        ? "Before and after"
        : `Before and after, for ${markdownCode(truncate(flow.from, MAX_CHARS.label))} → ${markdownCode(truncate(flow.to, MAX_CHARS.label))}`;
    blocks.push(
      `${which}:`,
      flowTable(example.base, example.head, flow.from, flow.to, MAX_REASONS_PER_GROUP, options),
    );
  }
  return blocks.join("\n\n");
}

/** Reasons per cell of a group's before/after table: enough to name the deciding rules. */
const MAX_REASONS_PER_GROUP = 6;

/**
 * The reply to `/netpol explain <src> <dst> [port]`: the verdict at base and at head side by
 * side, then, per direction, every policy and rule that decides it (file:line). `null` means the
 * flow's endpoints do not exist at that side.
 */
export function renderFlowExplanation(
  query: { from: string; to: string; port?: string },
  base: FlowExplanation | null,
  head: FlowExplanation | null,
  options: ExplainOptions = {},
): string {
  const on = query.port ? ` on ${markdownCode(truncate(query.port, MAX_CHARS.rule))}` : "";
  const title =
    `### ${markdownCode(truncate(query.from, MAX_CHARS.label))} → ` +
    `${markdownCode(truncate(query.to, MAX_CHARS.label))}${on}`;
  const from = head?.from ?? base?.from ?? query.from;
  const to = head?.to ?? base?.to ?? query.to;
  return fitToLimit(
    options.limit ?? REPLY_LIMIT,
    shrinkingCaps(MAX_REASONS),
    (cap) => {
      return [title, flowTable(base, head, from, to, cap, options), changeLine(base, head)].join("\n\n");
    },
    () => `${title}\n\n${changeLine(base, head)}`,
  );
}

/** Verdict, egress and ingress of one flow, base and head side by side. */
function flowTable(
  base: FlowExplanation | null,
  head: FlowExplanation | null,
  from: string,
  to: string,
  cap: number,
  options: RenderOptions,
): string {
  return flowColumns(
    [
      { title: "Base", side: "base", flow: base },
      { title: "Head", side: "head", flow: head },
    ],
    from,
    to,
    cap,
    options,
  );
}

interface FlowColumn {
  readonly title: string;
  readonly side: "base" | "head";
  readonly flow: FlowExplanation | null;
}

function flowColumns(
  columns: readonly FlowColumn[],
  from: string,
  to: string,
  cap: number,
  options: RenderOptions,
): string {
  const cell = (column: FlowColumn, direction: "egress" | "ingress") =>
    column.flow ? directionCell(column.flow[direction], column.side, cap, options) : "—";
  return markdownTable(
    ["", ...columns.map((c) => c.title)],
    [
      ["**Verdict**", ...columns.map((c) => verdictCell(c.flow, c.side))],
      [
        `**Egress** from ${markdownCode(truncate(from, MAX_CHARS.label), true)}`,
        ...columns.map((c) => cell(c, "egress")),
      ],
      [
        `**Ingress** to ${markdownCode(truncate(to, MAX_CHARS.label), true)}`,
        ...columns.map((c) => cell(c, "ingress")),
      ],
    ],
  );
}

/** One flow in one tree (the CLI's `explain --format markdown` without `--base`). */
export function renderSingleFlowExplanation(
  query: { from: string; to: string; port?: string },
  flow: FlowExplanation,
  tree: string,
  options: ExplainOptions = {},
): string {
  const on = query.port ? ` on ${markdownCode(truncate(query.port, MAX_CHARS.rule))}` : "";
  const title = `### ${markdownCode(truncate(query.from, MAX_CHARS.label))} → ${markdownCode(truncate(query.to, MAX_CHARS.label))}${on}`;
  return fitToLimit(
    options.limit ?? REPLY_LIMIT,
    shrinkingCaps(MAX_REASONS),
    (cap) =>
      [
        title,
        flowColumns(
          [{ title: `In ${markdownCode(truncate(tree, MAX_CHARS.label), true)}`, side: "head", flow }],
          flow.from,
          flow.to,
          cap,
          options,
        ),
      ].join("\n\n"),
    () => `${title}\n\n${escapeMarkdown(verdictText(flow))}`,
  );
}

function verdictText(flow: FlowExplanation): string {
  if (flow.allowed.isEmpty()) return "🚫 denied";
  if (flow.allowed.isAll()) return "✅ all traffic allowed";
  return `✅ allowed on ${portsText(flow.allowed)}`;
}

function verdictCell(flow: FlowExplanation | null, side: "base" | "head"): string {
  return flow ? escapeMarkdown(verdictText(flow)) : `_not found at ${side}_`;
}

/** `**Changed:** denied at base, allowed on TCP 8080 at head.` */
function changeLine(base: FlowExplanation | null, head: FlowExplanation | null): string {
  const at = (flow: FlowExplanation | null) => (flow ? verdictText(flow).replace(/^\S+ /, "") : "not found");
  if (!base && !head) return "Neither the base nor the head has both endpoints.";
  const same = base && head ? base.allowed.equals(head.allowed) : false;
  return same
    ? `**Unchanged:** ${escapeMarkdown(at(head))} at base and at head.`
    : `**Changed:** ${escapeMarkdown(at(base))} at base, ${escapeMarkdown(at(head))} at head.`;
}

/** Whether the direction isolates, what it allows, and each reason on its own line. */
function directionCell(
  explanation: DirectionExplanation,
  side: "base" | "head",
  cap: number,
  options: RenderOptions,
): string {
  const summary = explanation.isolated
    ? `isolated, allows ${escapeMarkdown(explanation.allowed.isEmpty() ? "nothing" : portsText(explanation.allowed))}`
    : "not isolated";
  // What lets the flow through first, then the policies that select the pod but admit none of it;
  // a tier walk keeps its order, which is the order of precedence.
  const ordered = explanation.reasons.some((r) => r.tier)
    ? explanation.reasons
    : [...explanation.reasons].sort((a, b) => EFFECT_ORDER[a.effect] - EFFECT_ORDER[b.effect]);
  const reasons = ordered.slice(0, cap).map((r) => reasonMarkdown(r, side, options));
  if (explanation.reasons.length > cap)
    reasons.push(`_and ${count(explanation.reasons.length - cap, "more reason")}_`);
  return [`_${summary}_`, ...reasons].join("<br>");
}

const EFFECT_ORDER: Readonly<Record<Reason["effect"], number>> = {
  allows: 0,
  passes: 1,
  denies: 2,
  isolates: 3,
  "not-isolated": 4,
};

const EFFECT_ICON: Readonly<Record<Reason["effect"], string>> = {
  "not-isolated": "⚪",
  allows: "✅",
  isolates: "🚫",
  denies: "⛔",
  passes: "↪️",
};

/** `✅ NetworkPolicy shop/x (`file:line`): egress rule 1 admits … on TCP 80`. */
export function reasonMarkdown(
  reason: Reason,
  side: "base" | "head",
  options: RenderOptions,
  inTable = true,
): string {
  const detail = truncate(reason.detail.trim() || fallbackDetail(reason), MAX_CHARS.detail);
  if (reason.policy === null) return `${EFFECT_ICON[reason.effect]} ${richMarkdown(detail, inTable)}`;
  const where =
    reason.file !== null && reason.line !== null
      ? ` (${locationMarkdown({ file: reason.file, line: reason.line }, side, options, { inTable, markBase: false })})`
      : "";
  const policy = richMarkdown(truncate(reason.policy, MAX_CHARS.object), inTable);
  return `${EFFECT_ICON[reason.effect]} ${policy}${where}: ${richMarkdown(detail, inTable)}`;
}

/** Words for a reason whose detail is empty, from its structured fields. */
function fallbackDetail(reason: Reason): string {
  const rule = reason.rule === null ? "" : `${ruleName(reason.direction, reason.rule)} `;
  if (reason.effect === "allows")
    return `${rule}allows ${reason.ports ? portsText(reason.ports) : "some of the flow"}`;
  if (reason.effect === "isolates")
    return `selects the pods for ${reason.direction} and admits none of the flow`;
  return `no policy selects the pods for ${reason.direction}`;
}

/** `explain --base`: what the change did to this flow, and the changes that did it. */
export function renderFlowChanges(changes: FlowChanges, options: RenderOptions = {}): string {
  const lines = [
    ...changes.opened.map((g) => [`➕ Opened ${escapeMarkdown(portsText(g.ports))}`, g] as const),
    ...changes.closed.map((g) => [`➖ Closed ${escapeMarkdown(portsText(g.ports))}`, g] as const),
  ].flatMap(([what, group]) => [
    `- ${what}, because:`,
    ...(group.causes.length === 0
      ? ["  - _no attributable change_"]
      : group.causes.slice(0, MAX_CAUSES).map((c) => `  - ${causeMarkdown(c, options)}`)),
  ]);
  return lines.length === 0
    ? "**What changed:** nothing for this flow."
    : ["**What changed:**", ...lines].join("\n");
}
