import type { z } from "zod";
import type { Severity } from "../model/finding.js";
import type { FieldPath } from "./source-positions.js";
import { issuePath } from "./zod-issues.js";

/**
 * Parts of a workload that policies never read: a broken container port or owner reference is
 * reported, and the workload is kept without it, because its labels still decide which
 * policies select it. (A broken policy is never salvaged: dropping part of it would widen it.)
 */
interface Salvageable {
  /** The element to remove: a container port, or the whole ownerReferences list. */
  readonly remove: FieldPath;
  readonly severity: Severity;
  readonly consequence: string;
}

function salvageable(path: FieldPath): Salvageable | null {
  const ports = path.lastIndexOf("ports");
  const container = path.findLastIndex((s) => s === "containers" || s === "initContainers");
  if (container >= 0 && ports === container + 2 && typeof path[ports + 1] === "number") {
    return { remove: path.slice(0, ports + 2), severity: "error", consequence: "the port is ignored" };
  }
  if (path[0] === "metadata" && path[1] === "ownerReferences") {
    return {
      remove: ["metadata", "ownerReferences"],
      severity: "warning",
      consequence: "the owner is ignored",
    };
  }
  return null;
}

export interface Salvage {
  readonly value: Record<string, unknown>;
  readonly issues: readonly {
    readonly issue: z.core.$ZodIssue;
    readonly severity: Severity;
    readonly consequence: string;
  }[];
}

/** A copy of `value` without the broken parts, when every issue is in a salvageable part; else null. */
export function salvageWorkload(
  value: Record<string, unknown>,
  issues: readonly z.core.$ZodIssue[],
): Salvage | null {
  const found = issues.map((issue) => ({ issue, part: salvageable(issuePath(issue)) }));
  if (found.some((f) => f.part === null)) return null;
  const copy = structuredClone(value);
  const removals = [
    ...new Map(found.map((f) => [JSON.stringify(f.part?.remove), (f.part as Salvageable).remove])).values(),
  ];
  // Remove later list items first so that earlier indexes stay valid.
  for (const path of removals.sort((a, b) => Number(b.at(-1)) - Number(a.at(-1)) || 0)) removeAt(copy, path);
  return {
    value: copy,
    issues: found.map(({ issue, part }) => ({
      issue,
      severity: (part as Salvageable).severity,
      consequence: (part as Salvageable).consequence,
    })),
  };
}

function removeAt(root: Record<string, unknown>, path: FieldPath): void {
  let parent: unknown = root;
  for (const segment of path.slice(0, -1)) {
    parent = (parent as Record<string | number, unknown> | undefined)?.[segment];
  }
  const last = path.at(-1);
  if (Array.isArray(parent) && typeof last === "number") {
    if (last < parent.length) parent.splice(last, 1);
  } else if (parent && typeof parent === "object" && last !== undefined) {
    delete (parent as Record<string | number, unknown>)[last];
  }
}
