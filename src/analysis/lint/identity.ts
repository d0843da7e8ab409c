import type { Finding } from "../../model/finding.js";

/**
 * What makes two findings "the same" across base and head, so that a policy that only moved
 * (other lines, another file) keeps its findings pre-existing: the rule, the object (or, for a
 * finding about no particular object, its file) and the message with every line number and
 * file:line reference blanked. Looser levels, for what a change can reword without fixing the
 * problem: `rules` also blanks rule positions (`ingress rule #2`, when rules were inserted or
 * removed above); `object` keeps only the rule and the object (a hint such as "did you mean
 * app=web?" or a list of affected pods that grew is still the same finding).
 */
export type IdentityLevel = "exact" | "rules" | "object";

export function findingIdentity(finding: Finding, level: IdentityLevel): string {
  const object = finding.object ?? `file ${finding.file}`;
  if (level === "object") return JSON.stringify([finding.rule, object]);
  let message = finding.message
    .replace(/[\w./@+-]+\.(?:ya?ml|json):\d+(?::\d+)?/gi, "<location>")
    .replace(/\b(line|column)s? \d+/gi, "$1 <n>");
  if (level === "rules") message = message.replace(/\brule #\d+/g, "rule #<n>");
  return JSON.stringify([finding.rule, object, message]);
}

/**
 * For each of `after`'s findings, whether some finding of `before` is the same one. Each finding
 * of `before` vouches for at most one of `after` (two identical findings at head with one at
 * base: one of them is new). Exact identities are paired first, then looser ones.
 */
export function matchFindings(before: readonly Finding[], after: readonly Finding[]): boolean[] {
  const matched = after.map(() => false);
  const used = new Set<number>();
  for (const level of ["exact", "rules", "object"] as const) {
    const byKey = new Map<string, number[]>();
    before.forEach((f, i) => {
      if (used.has(i)) return;
      const key = findingIdentity(f, level);
      const list = byKey.get(key);
      if (list) list.push(i);
      else byKey.set(key, [i]);
    });
    after.forEach((f, i) => {
      if (matched[i]) return;
      const candidate = byKey.get(findingIdentity(f, level))?.shift();
      if (candidate === undefined) return;
      used.add(candidate);
      matched[i] = true;
    });
  }
  return matched;
}
