import type { Reachability } from "../analysis/reach.js";
import type { Finding } from "../model/finding.js";
import { endpointJson, endpointText, portsJson } from "./endpoint-json.js";
import { escapeTerminal } from "./escape.js";

/** The contract object (docs/cli-json.md), before it is printed. */
export function reachJson(reach: Reachability, diagnostics: readonly Finding[]): object {
  return {
    endpoints: reach.endpoints.map(endpointJson),
    connections: reach.connections.map((c) => ({
      src: c.src.id,
      dst: c.dst.id,
      ports: portsJson(c.ports),
    })),
    diagnostics,
  };
}

/** One line per pair: `shop/frontend[Deployment] => shop/backend[Deployment] : TCP 9000`. */
export function reachText(reach: Reachability): string {
  return reach.connections
    .map((c) => escapeTerminal(`${endpointText(c.src)} => ${endpointText(c.dst)} : ${c.ports}`))
    .join("\n");
}
