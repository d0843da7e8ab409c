import { type Endpoint, hasSelfPair } from "../model/endpoint.js";
import type { PortSet } from "../model/port-set.js";
import type { ManifestTree } from "../model/tree.js";
import { type AnalysisOptions, analyseTree, type ClusterAnalysis } from "./cluster.js";
import { ConnectivityOracle } from "./evaluate.js";

export interface Connection {
  readonly src: Endpoint;
  readonly dst: Endpoint;
  readonly ports: PortSet;
}

export interface Reachability {
  readonly analysis: ClusterAnalysis;
  readonly endpoints: readonly Endpoint[];
  /** Every pair with some allowed traffic, once; a self-pair only for an endpoint that has one (`hasSelfPair`). */
  readonly connections: readonly Connection[];
}

/** Evaluates each pair of endpoint classes once and hands the result to every member pair. */
export function computeReachability(tree: ManifestTree, options: AnalysisOptions = {}): Reachability {
  const analysis = analyseTree(tree, options);
  const oracle = new ConnectivityOracle(analysis);
  const { classes, endpoints } = analysis;
  const connections: Connection[] = [];
  for (const src of classes) {
    for (const dst of classes) {
      const ports = oracle.between(src.index, dst.index);
      if (ports.isEmpty()) continue;
      for (const s of src.members) {
        const source = endpoints[s] as Endpoint;
        for (const d of dst.members) {
          if (s !== d || hasSelfPair(source))
            connections.push({ src: source, dst: endpoints[d] as Endpoint, ports });
        }
      }
    }
  }
  connections.sort(byPair);
  return { analysis, endpoints, connections };
}

export function byPair(a: { src: Endpoint; dst: Endpoint }, b: { src: Endpoint; dst: Endpoint }): number {
  return compareStrings(a.src.id, b.src.id) || compareStrings(a.dst.id, b.dst.id);
}

export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
