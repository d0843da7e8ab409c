import type { Labels } from "./labels.js";
import type { Protocol } from "./protocol.js";
import type { SourceRef } from "./source.js";

export interface ServicePort {
  readonly port: number;
  /** A number, a container port name, or absent (then it equals `port`). */
  readonly targetPort?: number | string;
  readonly protocol: Protocol;
  readonly line: number;
}

/** Kept only for lint: policies act on pod ports, and people confuse them with Service ports. */
export interface Service {
  readonly namespace: string;
  readonly name: string;
  /** Absent for Services without a selector (they select no pods). */
  readonly selector?: Labels;
  readonly ports: readonly ServicePort[];
  readonly source: SourceRef;
}
