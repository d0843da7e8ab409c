import { expect, it } from "vitest";
import { computeReachability, type Reachability } from "../../src/analysis/reach.js";
import { type Endpoint, isPodEndpoint } from "../../src/model/endpoint.js";
import type { IpRange } from "../../src/model/ip-range.js";
import { PortSet } from "../../src/model/port-set.js";
import { isProtocol } from "../../src/model/protocol.js";
import type { ManifestTree } from "../../src/model/tree.js";
import { describeWithPeers } from "../helpers/peers.js";
import { compareWithUpstream, upstreamName } from "./compare.js";
import {
  ALL_CASES,
  GAP_OWNER,
  loadUpstreamInput,
  readExpected,
  type UpstreamCase,
  unflaggedListCases,
} from "./upstream-cases.js";
import { parseExternal, parseUpstreamList } from "./upstream-format.js";

const hasAdminPolicies = (tree: ManifestTree) => tree.adminPolicies.length > 0;

const ALIASES: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  "tests/example_pods_w_same_owner_and_labels_gap_anp_good": GAP_OWNER,
  "tests/example_pods_w_same_owner_and_labels_gap_banp_good": GAP_OWNER,
};

/** Every `explain` case (`list --explain`, with or without focus, exposure or explain-only flags). */
function explainCases(): UpstreamCase[] {
  return ALL_CASES.filter(
    (c) => (c.kind === "explain" || c.explain) && c.expected_exists && c.compared_by_upstream,
  );
}

// --- explain output -------------------------------------------------------------------------

interface ExplainedPair {
  readonly src: string;
  readonly dst: string;
  readonly allowed: PortSet;
  readonly denied: PortSet;
  /** Listed under "All Connections due to the system default". */
  readonly byDefault: boolean;
}

/** `TCP, UDP, SCTP`, `TCP:[1-79,81-65535], UDP, SCTP`, `UDP:[53]`. */
function parseExplainPorts(text: string): PortSet {
  let set = PortSet.EMPTY;
  for (const match of text.matchAll(/(TCP|UDP|SCTP)(?::\[([^\]]*)\])?/g)) {
    const protocol = match[1];
    if (!isProtocol(protocol)) throw new Error(`protocol in ${text}`);
    if (match[2] === undefined) {
      set = set.union(PortSet.protocol(protocol));
      continue;
    }
    for (const part of match[2].split(",")) {
      const [from, to] = part.split("-").map(Number) as [number, number | undefined];
      set = set.union(PortSet.range(protocol, from, to ?? from));
    }
  }
  return set;
}

/** The pairs of an explain output: each "Connections between" block and each system-default line. */
function parseExplain(text: string): ExplainedPair[] {
  const pairs: ExplainedPair[] = [];
  const [specific, defaults = ""] = text.split(/#+\n# All Connections due to the system default[^\n]*\n#+\n/);
  for (const block of (specific ?? "").split(/^-{20,}$/m)) {
    const head = /Connections between (\S+) => (\S+):/.exec(block);
    if (!head) continue;
    let allowed = PortSet.EMPTY;
    let denied = PortSet.EMPTY;
    for (const line of block.matchAll(/^\t(Allowed|Denied) (.+?) due to/gm)) {
      const ports = parseExplainPorts(line[2] as string);
      if (line[1] === "Allowed") allowed = allowed.union(ports);
      else denied = denied.union(ports);
    }
    pairs.push({ src: head[1] as string, dst: head[2] as string, allowed, denied, byDefault: false });
  }
  for (const line of defaults.split("\n")) {
    const match = /^(\S+) => (\S+)$/.exec(line.trim());
    if (match) {
      pairs.push({
        src: match[1] as string,
        dst: match[2] as string,
        allowed: PortSet.ALL,
        denied: PortSet.EMPTY,
        byDefault: true,
      });
    }
  }
  return pairs;
}

/** `tcp-80` → TCP 80; every port when absent. */
function focusPorts(focus: string): PortSet {
  const match = /^(tcp|udp|sctp)-(\d+)$/i.exec(focus);
  if (!match) return PortSet.ALL;
  const protocol = (match[1] as string).toUpperCase();
  if (!isProtocol(protocol)) return PortSet.ALL;
  return PortSet.port(protocol, Number(match[2]));
}

/** Our endpoints that an upstream name stands for: a workload by name, an address range by overlap (IPv4). */
function endpointsFor(
  name: string,
  reach: Reachability,
  aliases: Readonly<Record<string, string>>,
): Endpoint[] {
  const ranges = parseExternal(name);
  if (ranges) {
    return reach.endpoints.filter(
      (e) =>
        e.kind === "External" &&
        e.range.family === 4 &&
        ranges.some((r: IpRange) => e.range.start <= r.end && e.range.end >= r.start),
    );
  }
  return reach.endpoints.filter((e) => {
    if (!isPodEndpoint(e)) return false;
    const n = upstreamName(e);
    return n !== null && (aliases[n] ?? n) === name;
  });
}

interface ExplainResult {
  readonly expected: string;
  readonly pairs: number;
  readonly mismatches: string[];
}

function compareExplain(c: UpstreamCase, reach: Reachability, aliases: Readonly<Record<string, string>>) {
  const ours = new Map(reach.connections.map((x) => [`${x.src.id} => ${x.dst.id}`, x.ports]));
  const universe = focusPorts(c.focus_conn);
  const text = readExpected(c);
  let pairs = 0;
  const mismatches: string[] = [];
  for (const pair of parseExplain(text)) {
    const sources = endpointsFor(pair.src, reach, aliases);
    const destinations = endpointsFor(pair.dst, reach, aliases);
    // Exposure-analysis peers (`entire-cluster`, `[namespace with ...]`) have no counterpart by name.
    if (sources.length === 0 || destinations.length === 0) continue;
    pairs++;
    for (const s of sources) {
      for (const d of destinations) {
        if (s === d) continue;
        const got = (ours.get(`${s.id} => ${d.id}`) ?? PortSet.EMPTY).intersect(universe);
        // Explain-only outputs show one side; otherwise allowed and denied together cover the question.
        const agrees =
          got.contains(pair.allowed.intersect(universe)) &&
          got.intersect(pair.denied).isEmpty() &&
          (c.explain_only !== "" || pair.byDefault || got.equals(pair.allowed.intersect(universe)));
        if (!agrees) {
          mismatches.push(
            `${pair.src} => ${pair.dst} (ours ${s.id} => ${d.id}): ours ${got}, netpol-analyzer allowed ${pair.allowed} denied ${pair.denied}`,
          );
        }
      }
    }
  }
  return { pairs, mismatches };
}

describeWithPeers(
  "agreement with netpol-analyzer on AdminNetworkPolicy and BaselineAdminNetworkPolicy",
  async () => {
    const listResults: { input: string; pairs: number; mismatches: string[] }[] = [];
    for (const c of unflaggedListCases()) {
      const input = c.inputs[0] as string;
      const tree = await loadUpstreamInput(input);
      if (!hasAdminPolicies(tree)) continue;
      const expected = parseUpstreamList(readExpected(c));
      const { matching, mismatches } = compareWithUpstream(
        computeReachability(tree),
        expected,
        ALIASES[input],
      );
      listResults.push({ input, pairs: matching + mismatches.length, mismatches });
    }

    const explainResults: ExplainResult[] = [];
    for (const c of explainCases()) {
      const input = c.inputs[0] as string;
      const tree = await loadUpstreamInput(input);
      if (!hasAdminPolicies(tree)) continue;
      const { pairs, mismatches } = compareExplain(c, computeReachability(tree), ALIASES[input] ?? {});
      explainResults.push({ expected: c.expected, pairs, mismatches });
    }

    it("covers every list case with admin policies (54 input trees)", () => {
      expect(listResults.length).toBe(54);
    });

    it("covers every explain case with admin policies (30 outputs)", () => {
      expect(explainResults.length).toBe(30);
      expect(explainResults.every((r) => r.pairs > 0)).toBe(true);
    });

    it("agrees on every pair of the list cases", () => {
      const agreeing = listResults.filter((r) => r.mismatches.length === 0).length;
      const pairs = listResults.reduce((n, r) => n + r.pairs, 0);
      const mismatched = listResults.reduce((n, r) => n + r.mismatches.length, 0);
      console.log(
        `netpol-analyzer admin list agreement: ${agreeing}/${listResults.length} cases fully, ${pairs - mismatched}/${pairs} pairs`,
      );
      expect(
        listResults
          .filter((r) => r.mismatches.length > 0)
          .map(
            (r) => `${r.input}: ${r.mismatches.length} pairs, e.g. ${r.mismatches.slice(0, 3).join(" | ")}`,
          ),
      ).toEqual([]);
    });

    it("agrees with every explained verdict", () => {
      const agreeing = explainResults.filter((r) => r.mismatches.length === 0).length;
      const pairs = explainResults.reduce((n, r) => n + r.pairs, 0);
      const mismatched = explainResults.reduce((n, r) => n + r.mismatches.length, 0);
      console.log(
        `netpol-analyzer admin explain agreement: ${agreeing}/${explainResults.length} outputs fully, ${pairs - mismatched}/${pairs} explained pairs`,
      );
      expect(
        explainResults
          .filter((r) => r.mismatches.length > 0)
          .map((r) => `${r.expected}: ${r.mismatches.slice(0, 3).join(" | ")}`),
      ).toEqual([]);
    });
  },
);
