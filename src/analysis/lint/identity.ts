import type { Finding } from "../../model/finding.js";

/**
 * What makes two findings "the same" across base and head, so that a policy that only moved
 * (other lines, another file) keeps its findings pre-existing: the rule, the object (or, for a
 * finding about no particular object, its file) and the message with every line number and
 * file:line reference blanked. Looser levels, for what a change can reword without fixing the
 * problem: `rules` also blanks rule positions (`ingress rule 3`, when rules were inserted or
 * removed above); `statement` keeps only the message's statement, up to its first `; ` (what
 * follows is a consequence or a hint, such as "did you mean app=web?", which other changes can
 * reword). Loader diagnostics match exactly only: two different errors are two findings.
 */
export type IdentityLevel = "exact" | "rules" | "statement";

export function findingIdentity(finding: Finding, level: IdentityLevel): string | undefined {
  if (level !== "exact" && finding.rule === "invalid-manifest") return undefined;
  let message = finding.message
    .replace(/[\w./@+-]+\.(?:ya?ml|json):\d+(?::\d+)?/gi, "<location>")
    .replace(/\b(line|column)s? \d+/gi, "$1 <n>");
  if (level !== "exact") message = message.replace(/\brule \d+/g, "rule <n>");
  if (level === "statement") message = message.split("; ")[0] as string;
  return JSON.stringify([finding.rule, finding.object ?? `file ${finding.file}`, message]);
}

/**
 * For each of `after`'s findings, whether some finding of `before` is the same one. Each finding
 * of `before` vouches for at most one of `after` (two identical findings at head with one at
 * base: one of them is new). Exact identities are paired first, then looser ones.
 */
export function matchFindings(before: readonly Finding[], after: readonly Finding[]): boolean[] {
  const matched = after.map(() => false);
  const used = new Set<number>();
  for (const level of ["exact", "rules", "statement"] as const) {
    const byKey = new Map<string, number[]>();
    before.forEach((f, i) => {
      if (used.has(i)) return;
      const key = findingIdentity(f, level);
      if (key === undefined) return;
      const list = byKey.get(key);
      if (list) list.push(i);
      else byKey.set(key, [i]);
    });
    after.forEach((f, i) => {
      if (matched[i]) return;
      const key = findingIdentity(f, level);
      const candidate = key === undefined ? undefined : byKey.get(key)?.shift();
      if (candidate === undefined) return;
      used.add(candidate);
      matched[i] = true;
    });
  }
  return matched;
}
