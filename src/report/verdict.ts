import type { GroupSide, PathGroup, Review } from "../analysis/review/types.js";
import type { Config, FailOn } from "../config/schema.js";
import type { Severity } from "../model/finding.js";
import type { ManifestTree } from "../model/tree.js";
import { code, escapeMarkdown } from "./inline-markdown.js";

export interface Verdict {
  readonly conclusion: "success" | "failure" | "neutral";
  /** Why the check fails, one Markdown sentence per reason; empty on success. */
  readonly reasons: readonly string[];
}

const RANK: Readonly<Record<Severity, number>> = { notice: 1, warning: 2, error: 3 };

/**
 * Step 5b. The check's conclusion under `failOn`. Only what the pull request introduces counts:
 * findings that already exist at the merge base never fail a pull request.
 *
 * `knownNamespaces` are the namespaces the review can name: those of the head's manifests and of
 * the configuration's `context`. A protected namespace outside them has no endpoint of its own:
 * its pods are part of `[other pods]` ("any other pod in the cluster"), or of a stand-in for pods
 * in namespaces the review cannot name. A path opened into those counts as a path into the
 * protected namespace, so that an undeclared protected namespace never fails open.
 */
export function decideConclusion(
  review: Review,
  failOn: FailOn,
  knownNamespaces: ReadonlySet<string>,
): Verdict {
  const reasons: string[] = [];
  if (failOn.severity !== "never") {
    const failing = failingFindings(
      review.findings.filter((f) => f.introduced),
      failOn.severity,
    );
    if (failing.length > 0) {
      const atLeast = failOn.severity === "error" ? "error" : `${failOn.severity} or worse`;
      reasons.push(
        `introduces ${count(failing.length, "finding")} of severity ${atLeast} (\`failOn.severity: ${failOn.severity}\`)`,
      );
    }
  }
  if (failOn.openedPaths && review.opened.length > 0)
    reasons.push(`opens ${count(review.stats.openedPairs, "network path")} (\`failOn.openedPaths: true\`)`);
  if (failOn.protectedNamespaces.length > 0) {
    const protectedSet = new Set(failOn.protectedNamespaces);
    const hit = new Set<string>();
    const unnamed = new Set<string>();
    for (const group of review.opened) {
      for (const ns of destinationNamespaces(group)) if (protectedSet.has(ns)) hit.add(ns);
      for (const label of unnamedDestinations(group)) unnamed.add(label);
    }
    if (hit.size > 0)
      reasons.push(
        `opens paths into protected namespace${hit.size > 1 ? "s" : ""} ${[...hit].sort().map(code).join(", ")} (\`failOn.protectedNamespaces\`)`,
      );
    const undeclared = failOn.protectedNamespaces.filter((ns) => !knownNamespaces.has(ns) && !hit.has(ns));
    if (unnamed.size > 0 && undeclared.length > 0) {
      const plural = undeclared.length > 1;
      reasons.push(
        `opens paths into ${[...unnamed].sort().join(", ")}, which may include the pods of protected namespace${plural ? "s" : ""} ${undeclared.sort().map(code).join(", ")}: no manifest and no \`context.namespaces\` entry describes ${plural ? "them" : "it"}, so the review cannot tell ${plural ? "their" : "its"} pods apart (\`failOn.protectedNamespaces\`; declare ${plural ? "them" : "it"} under \`context.namespaces\`)`,
      );
    }
  }
  return { conclusion: reasons.length > 0 ? "failure" : "success", reasons };
}

/** The findings of `severity` or worse; none for `never`. */
export function failingFindings<T extends { readonly severity: Severity }>(
  findings: readonly T[],
  severity: FailOn["severity"],
): T[] {
  if (severity === "never") return [];
  return findings.filter((f) => RANK[f.severity] >= RANK[severity]);
}

/** The namespaces a path group's destination lies in (pod endpoints are `namespace/...`). */
export function destinationNamespaces(group: PathGroup): Set<string> {
  return sideNamespaces(group.dst);
}

/**
 * The labels of the destination endpoints that lie in no namespace the review can name: `[other
 * pods]` and stand-ins for pods in namespaces matched only by labels (ids starting with `[`).
 */
export function unnamedDestinations(group: PathGroup): string[] {
  const side = group.dst;
  if (side.kind === "external") return [];
  // Endpoints outside named namespaces are never folded into a namespace side: each is its own side.
  return side.endpointIds
    .filter((id) => id.startsWith("["))
    .map((id) => (side.label === id ? code(id) : `${code(id)} (${escapeMarkdown(side.label)})`));
}

function sideNamespaces(side: GroupSide): Set<string> {
  const out = new Set<string>();
  if (side.kind === "external") return out;
  for (const id of [...side.endpointIds, side.label]) {
    const slash = id.indexOf("/");
    if (slash > 0 && !id.startsWith("[")) out.add(id.slice(0, slash));
  }
  return out;
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}

/**
 * The namespaces a review can name: those the head's manifests hold or mention (Namespace
 * objects, workloads, policies) and those the configuration's `context` declares.
 */
export function namespacesKnownTo(
  tree: Pick<ManifestTree, "namespaces" | "workloads" | "policies">,
  context: Config["context"],
): Set<string> {
  return new Set([
    ...tree.namespaces.map((ns) => ns.name),
    ...tree.workloads.map((w) => w.namespace),
    ...tree.policies.map((p) => p.namespace),
    ...context.namespaces.map((ns) => ns.name),
    ...context.workloads.map((w) => w.namespace),
  ]);
}
