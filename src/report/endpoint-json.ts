import { type Endpoint, isPodEndpoint } from "../model/endpoint.js";
import { rangeToCidrs } from "../model/ip-range.js";
import type { PortRange, PortSet } from "../model/port-set.js";

export interface EndpointJson {
  readonly id: string;
  readonly kind: string;
  readonly namespace?: string;
  readonly name?: string;
  readonly label: string;
  readonly podLabels?: Readonly<Record<string, string>>;
  readonly cidrs?: readonly string[];
  readonly file?: string;
  readonly line?: number;
}

/** The contract's endpoint shape (CLI-JSON.md): id, kind, namespace and name where they exist, a human label. */
export function endpointJson(endpoint: Endpoint): EndpointJson {
  if (!isPodEndpoint(endpoint)) {
    return {
      id: endpoint.id,
      kind: endpoint.kind,
      label: endpoint.label,
      cidrs: rangeToCidrs(endpoint.range),
    };
  }
  return {
    id: endpoint.id,
    kind: endpoint.kind,
    ...(endpoint.namespaceKnown && { namespace: endpoint.namespace }),
    ...(endpoint.name !== undefined && { name: endpoint.name }),
    label: endpoint.label,
    podLabels: endpoint.podLabels,
    ...(endpoint.workload && { file: endpoint.workload.source.file, line: endpoint.workload.source.line }),
  };
}

export function portsJson(ports: PortSet): PortRange[] {
  return ports.ranges();
}

/** `shop/web[Deployment]`, `10.0.0.0/8[External]`: the text notation netpol-analyzer users know. */
export function endpointText(endpoint: Endpoint): string {
  return endpoint.kind === "External" ? `${endpoint.label}[External]` : endpoint.id;
}
