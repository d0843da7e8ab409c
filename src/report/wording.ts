import type { Cause, GroupSide, Review, ReviewFinding, Revision } from "../analysis/review/types.js";
import type { Severity } from "../model/finding.js";
import type { PortSet } from "../model/port-set.js";
import type { Protocol } from "../model/protocol.js";

/**
 * The words every surface shares (comment, check run, explanations, terminal), as plain
 * unescaped text. Each renderer escapes them for its own target.
 */

/** `1,234`: thousands separated the same way everywhere. */
export function formatNumber(n: number): string {
  return n.toLocaleString("en-US");
}

/** `1 path`, `2 paths`, `1,234 findings`. */
export function count(n: number, singular: string, plural = `${singular}s`): string {
  return `${formatNumber(n)} ${n === 1 ? singular : plural}`;
}

/**
 * `3 paths opened, 1 closed, 2 findings`: paths are endpoint pairs (source, destination), the one
 * count every surface gives (a row of a table groups several); findings the change introduced.
 */
export function headline(review: Review): string {
  const findings = count(introduced(review).length, "finding");
  if (review.opened.length === 0 && review.closed.length === 0)
    return `No paths opened or closed, ${findings}`;
  return `${count(review.stats.openedPairs, "path")} opened, ${formatNumber(review.stats.closedPairs)} closed, ${findings}`;
}

/** How many paths (endpoint pairs) the groups stand for. */
export function pathsIn(groups: readonly { readonly pairs: number }[]): number {
  return groups.reduce((n, g) => n + g.pairs, 0);
}

export function introduced(review: Review): ReviewFinding[] {
  return review.findings.filter((f) => f.introduced);
}

export function preexisting(review: Review): ReviewFinding[] {
  return review.findings.filter((f) => !f.introduced);
}

/** Nothing to say beyond one line: no path changed and the change introduced no finding. */
export function isQuiet(review: Review): boolean {
  return review.opened.length === 0 && review.closed.length === 0 && introduced(review).length === 0;
}

const SEVERITIES: readonly Severity[] = ["error", "warning", "notice"];

export const SEVERITY_ICON: Readonly<Record<Severity, string>> = { error: "❌", warning: "⚠️", notice: "ℹ️" };

/** `1 error, 2 notices` (severities that occur, most severe first). */
export function severityBreakdown(findings: readonly ReviewFinding[]): string {
  return SEVERITIES.map((s) => ({ s, n: findings.filter((f) => f.severity === s).length }))
    .filter(({ n }) => n > 0)
    .map(({ s, n }) => count(n, s))
    .join(", ");
}

/** `3 pre-existing findings (2 warnings, 1 notice) are not caused by this change`, no full stop. */
export function preexistingSentence(findings: readonly ReviewFinding[]): string {
  const verb = findings.length === 1 ? "is" : "are";
  return `${count(findings.length, "pre-existing finding")} (${severityBreakdown(findings)}) ${verb} not caused by this change`;
}

/** Most severe first, otherwise in the order given. */
export function bySeverity<T extends { readonly severity: Severity }>(items: readonly T[]): T[] {
  return [...items].sort((a, b) => SEVERITIES.indexOf(a.severity) - SEVERITIES.indexOf(b.severity));
}

/** Port ranges listed before the rest is summarised as `… (N more)`. */
const MAX_PORT_RANGES = 12;

/**
 * `TCP 80, 443, 8080-8090 · UDP 53`, `all ports`, `all TCP`: protocols in TCP, UDP, SCTP order,
 * long lists shortened.
 */
export function portsText(ports: PortSet): string {
  if (ports.isEmpty()) return "no ports";
  if (ports.isAll()) return "all ports";
  const byProtocol = new Map<Protocol, string[]>();
  let listed = 0;
  let omitted = 0;
  for (const r of ports.ranges()) {
    const list = byProtocol.get(r.protocol) ?? [];
    byProtocol.set(r.protocol, list);
    if (r.from === 1 && r.to === 65535) list.push("all");
    else if (listed >= MAX_PORT_RANGES) omitted++;
    else {
      list.push(r.from === r.to ? `${r.from}` : `${r.from}-${r.to}`);
      listed++;
    }
  }
  const text = [...byProtocol]
    .filter(([, list]) => list.length > 0)
    .map(([protocol, list]) => (list[0] === "all" ? `all ${protocol}` : `${protocol} ${list.join(", ")}`))
    .join(" · ");
  return omitted > 0 ? `${text} … (${formatNumber(omitted)} more)` : text;
}

/** The first seven hex digits, as GitHub shows commits. */
export function shortSha(sha: string): string {
  return sha.slice(0, 7);
}

/** Whether the SHA adds anything to the label (`main` + `1a2b3c4`, but not `1a2b3c4` twice). */
export function revisionShowsSha(revision: Revision): revision is Revision & { sha: string } {
  return revision.sha !== undefined && revision.sha !== "" && !revision.sha.startsWith(revision.label);
}

/** `main (1a2b3c4)` in plain text. */
export function revisionText(revision: Revision): string {
  return revisionShowsSha(revision) ? `${revision.label} (${shortSha(revision.sha)})` : revision.label;
}

/** `policies 21 → 23, workloads 9` (a number alone when it did not change). */
export function sizesText(stats: Review["stats"]): string {
  const sizes = (singular: string, plural: string, n: { readonly base: number; readonly head: number }) =>
    n.base === n.head
      ? count(n.head, singular, plural)
      : `${plural} ${formatNumber(n.base)} → ${formatNumber(n.head)}`;
  return `${sizes("policy", "policies", stats.policies)}, ${sizes("workload", "workloads", stats.workloads)}`;
}

/** `shop/policies.yaml:99`, the compiler-style location editors and CI logs link. */
export function locationText(where: { readonly file: string; readonly line: number }): string {
  return `${where.file}:${where.line}`;
}

/** A cause reads `<object>: <detail>`; the location is rendered next to it by each target. */
export function causeText(cause: Cause): string {
  return `${cause.object}: ${cause.detail}`;
}

/**
 * What to say after an endpoint side: `new` / `removed` when it exists on one side only, and
 * how many workloads a namespace-wide side (`shop/*`) stands for. Empty when nothing.
 */
export function sideNote(side: GroupSide): string {
  const notes: string[] = [];
  if (side.change) notes.push(side.change === "added" ? "new" : "removed");
  if (side.kind === "namespace") notes.push(count(side.endpointIds.length, "workload"));
  return notes.join(", ");
}

/** A group of one endpoint's traffic between its own pods (replicas of one workload). */
export function isBetweenOwnPods(group: { readonly src: GroupSide; readonly dst: GroupSide }): boolean {
  const { src, dst } = group;
  return (
    src.kind === "endpoint" &&
    dst.kind === "endpoint" &&
    src.endpointIds.length === 1 &&
    src.endpointIds[0] === dst.endpointIds[0]
  );
}

/** `between pods of monitoring/alertmanager-main[StatefulSet]`, for a group `isBetweenOwnPods`. */
export function betweenOwnPodsText(label: string): string {
  return `between pods of ${label}`;
}
