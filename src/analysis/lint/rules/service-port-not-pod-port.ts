import type { Finding } from "../../../model/finding.js";
import type { Direction, NetworkPolicy, PolicyPort, PolicyRule } from "../../../model/network-policy.js";
import type { Service, ServicePort } from "../../../model/service.js";
import type { KnownPod, LintContext } from "../context.js";
import { describePort, policyObject, ruleName } from "../describe.js";
import { finding, type LintRule } from "../rule.js";

const ID = "service-port-not-pod-port";

/**
 * Policies act on the pods' ports, after the Service has translated its `port` to the
 * `targetPort`. A policy port that equals a Service's `port`, where that Service forwards to a
 * different `targetPort` and none of its pods the rule applies to listens on the written port,
 * allows nothing of the traffic sent through the Service. Destination pods: for an ingress
 * rule, the pods the policy selects; for an egress rule, the pods its peers match (a rule
 * without peers is not judged: its port may be meant for addresses outside the cluster).
 */
export const servicePortNotPodPort: LintRule = {
  id: ID,
  defaultSeverity: "warning",
  summary: "A policy port is a Service's port whose targetPort differs, and no selected pod listens on it.",
  check: (context: LintContext): Finding[] => {
    const byPort = translatedPorts(context.tree.services);
    const out: Finding[] = [];
    for (const policy of context.tree.policies) {
      for (const direction of policy.policyTypes) {
        for (const rule of policy[direction]) {
          let destinations: KnownPod[] | undefined;
          for (const port of rule.ports ?? []) {
            const candidates = byPort.get(`${port.protocol}/${port.port}`);
            if (!candidates || (port.endPort !== undefined && port.endPort !== port.port)) continue;
            destinations ??= destinationPods(context, policy, direction, rule);
            const hit = serviceMismatch(candidates, port, destinations);
            if (hit) out.push(report(policy, direction, rule, port, hit));
          }
        }
      }
    }
    return out;
  },
};

function destinationPods(
  context: LintContext,
  policy: NetworkPolicy,
  direction: Direction,
  rule: PolicyRule,
): KnownPod[] {
  if (direction === "ingress") return context.podsSelectedBy(policy);
  if (rule.peers === null) return [];
  return context.podsOfRulePeers(policy, rule.peers);
}

interface Mismatch {
  readonly service: Service;
  readonly servicePort: ServicePort;
  /** The targetPort as written, and the container port number it resolves to when known. */
  readonly target: string;
}

/** Services with a selector, sorted by namespace/name, per `protocol/port` they translate to another targetPort. */
function translatedPorts(services: readonly Service[]): Map<string, Service[]> {
  const sorted = [...services].sort((a, b) =>
    compare(`${a.namespace}/${a.name}`, `${b.namespace}/${b.name}`),
  );
  const byPort = new Map<string, Service[]>();
  for (const service of sorted) {
    if (!service.selector) continue;
    for (const p of service.ports) {
      if (p.targetPort === undefined || p.targetPort === p.port) continue;
      const key = `${p.protocol}/${p.port}`;
      const list = byPort.get(key);
      if (!list) byPort.set(key, [service]);
      else if (!list.includes(service)) list.push(service);
    }
  }
  return byPort;
}

function serviceMismatch(
  services: readonly Service[],
  port: PolicyPort,
  destinations: readonly KnownPod[],
): Mismatch | undefined {
  const { port: number, protocol } = port;
  if (typeof number !== "number" || destinations.length === 0) return undefined;
  for (const service of services) {
    const selector = service.selector;
    if (!selector) continue;
    const pods = destinations.filter(
      (pod) =>
        pod.namespace === service.namespace &&
        Object.entries(selector).every(([k, v]) => pod.labels[k] === v),
    );
    if (pods.length === 0) continue;
    for (const servicePort of service.ports) {
      const { targetPort } = servicePort;
      if (servicePort.port !== number || servicePort.protocol !== protocol) continue;
      if (targetPort === undefined || targetPort === number) continue;
      if (pods.some((pod) => pod.ports.some((p) => p.port === number && p.protocol === protocol))) continue;
      const resolved: number | undefined =
        typeof targetPort === "number"
          ? undefined
          : pods.flatMap((pod) => pod.ports).find((p) => p.name === targetPort && p.protocol === protocol)
              ?.port;
      if (resolved === number) continue;
      const target =
        typeof targetPort === "number"
          ? `${targetPort}`
          : resolved === undefined
            ? `the port named ${targetPort}`
            : `${resolved} (named ${targetPort})`;
      return { service, servicePort, target };
    }
  }
  return undefined;
}

function report(
  policy: NetworkPolicy,
  direction: Direction,
  rule: PolicyRule,
  port: PolicyPort,
  { service, servicePort, target }: Mismatch,
): Finding {
  const serviceName = `Service ${service.namespace}/${service.name}`;
  const pods = direction === "ingress" ? "the pods this policy selects" : "the pods this rule sends to";
  const usePort =
    typeof servicePort.targetPort === "string"
      ? `the named port ${servicePort.targetPort} or its number`
      : `port ${servicePort.targetPort}`;
  return finding(
    ID,
    "warning",
    { file: policy.source.file, line: port.line },
    policyObject(policy),
    `${ruleName(direction, rule.index)} allows ${describePort(port)}, which is the port of ${serviceName}, not of its pods: the Service forwards it to ${target}, and policies see the pods' port, so this entry does not allow the traffic sent through the Service (none of ${pods} listens on ${servicePort.port}).`,
    `Use the pods' port (${usePort}) instead of the Service port ${servicePort.port}.`,
  );
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
