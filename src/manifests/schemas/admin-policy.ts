import { z } from "zod";
import { describeValue, quote } from "../quote.js";
import {
  cidrSchema,
  kubernetesObjectSchema,
  labelSelectorSchema,
  nullAsEmpty,
  objectMetadataSchema,
  portNameSchema,
  portNumberSchema,
  protocolSchema,
} from "./common.js";
import { strictObject } from "./strict-object.js";

// Field names, limits and enums follow sigs.k8s.io/network-policy-api: apis/v1alpha1
// (AdminNetworkPolicy, BaselineAdminNetworkPolicy) and apis/v1alpha2 (ClusterNetworkPolicy).

const BANP_NAME = "default";

/** The network-policy-api structs marked MinProperties=1, MaxProperties=1: exactly one field set. */
function exactlyOne(what: string, keys: readonly string[]) {
  return (value: Readonly<Record<string, unknown>>, ctx: z.RefinementCtx): void => {
    const set = keys.filter((key) => value[key] != null);
    if (set.length === 1) return;
    const options = `${keys.slice(0, -1).join(", ")} or ${keys[keys.length - 1]}`;
    ctx.addIssue({
      code: "custom",
      message:
        set.length === 0
          ? `${what} needs one of ${options}`
          : `${what} may set only one of ${options}, not ${set.join(" and ")}`,
    });
  };
}

function listSchema<T extends z.ZodType>(item: T, what: string, max: number) {
  return z
    .array(nullAsEmpty(item))
    .min(1, { error: `must list at least one ${what}` })
    .max(max, { error: `lists more than ${max} ${what}s` });
}

const prioritySchema = z.number().superRefine((value, ctx) => {
  if (!Number.isInteger(value) || value < 0 || value > 1000) {
    ctx.addIssue({ code: "custom", message: `priority ${value} is out of range 0-1000 (a whole number)` });
  }
});

const ruleNameSchema = z.string().max(100, { error: "is longer than 100 characters" }).nullish();

// The CRD's pattern for a DomainName: an exact name or `*.` followed by one.
const DOMAIN_NAME =
  /^(\*\.)?([a-zA-Z0-9]([-a-zA-Z0-9_]*[a-zA-Z0-9])?\.)+[a-zA-Z0-9]([-a-zA-Z0-9_]*[a-zA-Z0-9])?\.?$/;
const domainNameSchema = z.string().superRefine((value, ctx) => {
  if (!DOMAIN_NAME.test(value)) {
    ctx.addIssue({
      code: "custom",
      message: `${quote(value)} is not a domain name (like example.com or *.example.com)`,
    });
  }
});

/**
 * `pods`: namespaceSelector and podSelector. The API requires both (v1alpha2 makes namespaceSelector
 * optional); a missing one is read as `{}` on conversion, with a warning, as netpol-analyzer reads it.
 */
const namespacedPodSchema = strictObject({
  namespaceSelector: labelSelectorSchema.nullish(),
  podSelector: labelSelectorSchema.nullish(),
});

const subjectSchema = nullAsEmpty(
  strictObject({
    namespaces: labelSelectorSchema.nullish(),
    pods: namespacedPodSchema.nullish(),
  }).superRefine(exactlyOne("subject", ["namespaces", "pods"])),
);

const EGRESS_ONLY = ["networks", "nodes", "domainNames"] as const;

const ingressPeerSchema = strictObject({
  namespaces: labelSelectorSchema.nullish(),
  pods: namespacedPodSchema.nullish(),
  networks: z.unknown().optional(),
  nodes: z.unknown().optional(),
  domainNames: z.unknown().optional(),
}).superRefine((peer, ctx) => {
  const egressOnly = EGRESS_ONLY.filter((key) => peer[key] != null);
  for (const key of egressOnly) {
    ctx.addIssue({ code: "custom", path: [key], message: `${key} peers are allowed in egress rules only` });
  }
  if (egressOnly.length === 0) exactlyOne("a peer", ["namespaces", "pods"])(peer, ctx);
});

const baselineEgressPeerShape = {
  namespaces: labelSelectorSchema.nullish(),
  pods: namespacedPodSchema.nullish(),
  nodes: labelSelectorSchema.nullish(),
  networks: z
    .array(cidrSchema)
    .min(1, { error: "must list at least one CIDR" })
    .max(25, { error: "lists more than 25 CIDRs" })
    .nullish(),
};

const egressPeerSchema = strictObject({
  ...baselineEgressPeerShape,
  domainNames: z
    .array(domainNameSchema)
    .min(1, { error: "must list at least one domain name" })
    .max(25, { error: "lists more than 25 domain names" })
    .nullish(),
}).superRefine(exactlyOne("a peer", ["namespaces", "pods", "nodes", "networks", "domainNames"]));

/** BaselineAdminNetworkPolicyEgressPeer has no `domainNames`. */
const baselineEgressPeerSchema = strictObject(baselineEgressPeerShape).superRefine(
  exactlyOne("a peer", ["namespaces", "pods", "nodes", "networks"]),
);

// --- v1alpha1 ports: portNumber | namedPort | portRange -------------------------------------

const portRangeSchema = strictObject({
  protocol: protocolSchema.nullish(),
  start: portNumberSchema("start"),
  end: portNumberSchema("end"),
}).superRefine((range, ctx) => {
  if (range.end < range.start) {
    ctx.addIssue({
      code: "custom",
      path: ["end"],
      message: `end ${range.end} is below start ${range.start}`,
    });
  }
});

const anpPortSchema = strictObject({
  portNumber: strictObject({ protocol: protocolSchema.nullish(), port: portNumberSchema("port") }).nullish(),
  namedPort: portNameSchema.nullish(),
  portRange: portRangeSchema.nullish(),
}).superRefine(exactlyOne("a port", ["portNumber", "namedPort", "portRange"]));

const anpPortsSchema = listSchema(anpPortSchema, "port", 100).nullish();

function actionSchema<const A extends readonly [string, ...string[]]>(actions: A) {
  const options = `${actions.slice(0, -1).join(", ")} or ${actions[actions.length - 1]}`;
  // Each generation has its own word for allowing: say so when the other one is used.
  const otherWord = (input: unknown): string =>
    input === "Accept" && actions.includes("Allow")
      ? " (Accept is ClusterNetworkPolicy's word; this kind says Allow)"
      : input === "Allow" && actions.includes("Accept")
        ? " (Allow is AdminNetworkPolicy's word; ClusterNetworkPolicy says Accept)"
        : "";
  return z.enum(actions, {
    error: (issue) =>
      issue.input === undefined
        ? `is required but missing; use ${options}`
        : `${describeValue(issue.input)} is not an action; use ${options}${otherWord(issue.input)}`,
  });
}

function anpRules<const A extends readonly [string, ...string[]], P extends z.ZodType>(
  actions: A,
  egressPeer: P,
) {
  const action = actionSchema(actions);
  const ingress = nullAsEmpty(
    strictObject({
      name: ruleNameSchema,
      action,
      from: listSchema(ingressPeerSchema, "peer", 100),
      ports: anpPortsSchema,
    }),
  );
  const egress = nullAsEmpty(
    strictObject({
      name: ruleNameSchema,
      action,
      to: listSchema(egressPeer, "peer", 100),
      ports: anpPortsSchema,
    }),
  );
  return {
    ingress: z.array(ingress).max(100, { error: "lists more than 100 rules" }).nullish(),
    egress: z.array(egress).max(100, { error: "lists more than 100 rules" }).nullish(),
  };
}

export const adminNetworkPolicySchema = kubernetesObjectSchema({
  metadata: objectMetadataSchema,
  spec: nullAsEmpty(
    strictObject({
      priority: prioritySchema,
      subject: subjectSchema,
      ...anpRules(["Allow", "Deny", "Pass"] as const, egressPeerSchema),
    }),
  ),
});

export const baselineAdminNetworkPolicySchema = kubernetesObjectSchema({
  metadata: objectMetadataSchema,
  spec: nullAsEmpty(
    strictObject({
      subject: subjectSchema,
      ...anpRules(["Allow", "Deny"] as const, baselineEgressPeerSchema),
    }),
  ),
}).superRefine((banp, ctx) => {
  if (banp.metadata.name !== BANP_NAME) {
    ctx.addIssue({
      code: "custom",
      path: ["metadata", "name"],
      message: `a BaselineAdminNetworkPolicy must be named "default" (the cluster holds only that one), not ${quote(banp.metadata.name)}`,
    });
  }
});

// --- v1alpha2 protocols: tcp | udp | sctp (destinationPort: number | range) | destinationNamedPort

const cnpPortSchema = strictObject({
  number: portNumberSchema("number").nullish(),
  range: strictObject({ start: portNumberSchema("start"), end: portNumberSchema("end") })
    .superRefine((range, ctx) => {
      if (range.end <= range.start) {
        ctx.addIssue({
          code: "custom",
          path: ["end"],
          message: `end ${range.end} must be above start ${range.start}`,
        });
      }
    })
    .nullish(),
}).superRefine(exactlyOne("destinationPort", ["number", "range"]));

const protocolMatchSchema = strictObject({ destinationPort: cnpPortSchema.nullish() }).superRefine(
  (match, ctx) => {
    if (match.destinationPort == null) {
      ctx.addIssue({
        code: "custom",
        message: "needs destinationPort (the API refuses an empty protocol match)",
      });
    }
  },
);

const cnpProtocolSchema = strictObject({
  tcp: protocolMatchSchema.nullish(),
  udp: protocolMatchSchema.nullish(),
  sctp: protocolMatchSchema.nullish(),
  destinationNamedPort: portNameSchema.nullish(),
}).superRefine(exactlyOne("a protocols entry", ["tcp", "udp", "sctp", "destinationNamedPort"]));

const cnpProtocolsSchema = listSchema(cnpProtocolSchema, "protocol", 25).nullish();
const cnpAction = actionSchema(["Accept", "Deny", "Pass"] as const);

const cnpIngressRuleSchema = nullAsEmpty(
  strictObject({
    name: ruleNameSchema,
    action: cnpAction,
    from: listSchema(ingressPeerSchema, "peer", 25),
    protocols: cnpProtocolsSchema,
  }),
);

const cnpEgressRuleSchema = nullAsEmpty(
  strictObject({
    name: ruleNameSchema,
    action: cnpAction,
    to: listSchema(egressPeerSchema, "peer", 25),
    protocols: cnpProtocolsSchema,
  }),
);

const tierSchema = z.enum(["Admin", "Baseline"], {
  error: (issue) =>
    issue.input === undefined
      ? "is required but missing; use Admin or Baseline"
      : `${describeValue(issue.input)} is not a tier; use Admin or Baseline`,
});

export const clusterNetworkPolicySchema = kubernetesObjectSchema({
  metadata: objectMetadataSchema,
  spec: nullAsEmpty(
    strictObject({
      tier: tierSchema,
      priority: prioritySchema,
      subject: subjectSchema,
      ingress: z.array(cnpIngressRuleSchema).max(25, { error: "lists more than 25 rules" }).nullish(),
      egress: z.array(cnpEgressRuleSchema).max(25, { error: "lists more than 25 rules" }).nullish(),
    }),
  ),
});

export type AdminNetworkPolicyManifest = z.output<typeof adminNetworkPolicySchema>;
export type BaselineAdminNetworkPolicyManifest = z.output<typeof baselineAdminNetworkPolicySchema>;
export type ClusterNetworkPolicyManifest = z.output<typeof clusterNetworkPolicySchema>;
export type AdminSubjectManifest = z.output<typeof subjectSchema>;
export type AdminIngressPeerManifest = z.output<typeof ingressPeerSchema>;
export type AdminEgressPeerManifest = z.output<typeof egressPeerSchema>;
export type AnpPortManifest = z.output<typeof anpPortSchema>;
export type CnpProtocolManifest = z.output<typeof cnpProtocolSchema>;
