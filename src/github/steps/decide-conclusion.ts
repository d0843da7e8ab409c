import type { GroupSide, PathGroup, Review } from "../../analysis/review/types.js";
import type { Severity } from "../../model/finding.js";
import type { FailOn } from "../config/schema.js";
import { code } from "../markdown.js";

export interface Verdict {
  readonly conclusion: "success" | "failure";
  /** Why the check fails, one Markdown sentence per reason; empty on success. */
  readonly reasons: readonly string[];
}

const RANK: Readonly<Record<Severity, number>> = { notice: 1, warning: 2, error: 3 };

/**
 * Step 5b. The check's conclusion under `failOn`. Only what the pull request introduces counts:
 * findings that already exist at the merge base never fail a pull request.
 */
export function decideConclusion(review: Review, failOn: FailOn): Verdict {
  const reasons: string[] = [];
  if (failOn.severity !== "never") {
    const threshold = RANK[failOn.severity];
    const failing = review.findings.filter((f) => f.introduced && RANK[f.severity] >= threshold);
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
    for (const group of review.opened)
      for (const ns of destinationNamespaces(group)) if (protectedSet.has(ns)) hit.add(ns);
    if (hit.size > 0)
      reasons.push(
        `opens paths into protected namespace${hit.size > 1 ? "s" : ""} ${[...hit].sort().map(code).join(", ")} (\`failOn.protectedNamespaces\`)`,
      );
  }
  return { conclusion: reasons.length > 0 ? "failure" : "success", reasons };
}

/** The namespaces a path group's destination lies in (pod endpoints are `namespace/...`). */
export function destinationNamespaces(group: PathGroup): Set<string> {
  return sideNamespaces(group.dst);
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
