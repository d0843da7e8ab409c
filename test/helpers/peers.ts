import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { describe } from "vitest";

/**
 * netpol-analyzer's test data, beside the repository (see ../shared/peers/netpol-analyzer/SOURCE.md).
 * A fresh clone has no `../shared`: the comparisons are then skipped, saying why, never failed.
 */
export const PEER = resolve(import.meta.dirname, "../../../shared/peers/netpol-analyzer");

export const PEER_AVAILABLE = existsSync(PEER);

const SKIPPED = ` (skipped: ${PEER} is absent; it holds netpol-analyzer's test data, see DESIGN.md)`;

/** `describe` when the peer data is there; otherwise a skipped suite whose name says why. */
export function describeWithPeers(name: string, body: () => void | Promise<void>): void {
  if (PEER_AVAILABLE) describe(name, body);
  else {
    console.warn(`${name}${SKIPPED}`);
    describe.skip(`${name}${SKIPPED}`, () => {});
  }
}
