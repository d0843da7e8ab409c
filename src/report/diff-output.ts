import type { ReachDiff } from "../analysis/diff.js";
import type { Connection } from "../analysis/reach.js";
import type { Finding } from "../model/finding.js";
import { endpointJson, endpointText, portsJson } from "./endpoint-json.js";
import { escapeTerminal } from "./escape.js";

const pairJson = (c: Connection) => ({ src: c.src.id, dst: c.dst.id, ports: portsJson(c.ports) });

/** The contract object (docs/cli-json.md), before it is printed. */
export function diffJson(
  diff: ReachDiff,
  diagnostics: { readonly base: readonly Finding[]; readonly head: readonly Finding[] },
): object {
  return {
    endpoints: diff.endpoints.map(endpointJson),
    opened: diff.opened.map(pairJson),
    closed: diff.closed.map(pairJson),
    diagnostics,
  };
}

/**
 * A count line, then `+` lines for opened and `-` lines for closed pairs, with endpoints that
 * exist on one side only marked as new or removed.
 */
export function diffText(diff: ReachDiff): string {
  const mark = (c: Connection): string => {
    const notes = [c.src, c.dst]
      .filter((e) => diff.added.has(e.id) || diff.removed.has(e.id))
      .map((e) => `${endpointText(e)} ${diff.added.has(e.id) ? "added" : "removed"}`);
    return notes.length > 0 ? `  (${notes.join(", ")})` : "";
  };
  const line = (sign: string, c: Connection) =>
    escapeTerminal(`${sign} ${endpointText(c.src)} => ${endpointText(c.dst)} : ${c.ports}${mark(c)}`);
  const header = `${diff.opened.length} ${diff.opened.length === 1 ? "path" : "paths"} opened, ${diff.closed.length} closed`;
  return [header, ...diff.opened.map((c) => line("+", c)), ...diff.closed.map((c) => line("-", c))].join(
    "\n",
  );
}
