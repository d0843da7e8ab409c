import { z } from "zod";
import { describeValue, quote } from "../quote.js";
import {
  cidrSchema,
  kubernetesObjectSchema,
  labelSelectorSchema,
  nullAsEmpty,
  objectMetadataSchema,
  portNumberSchema,
  portOrNameSchema,
  protocolSchema,
} from "./common.js";
import { strictObject } from "./strict-object.js";

const ipBlockSchema = strictObject({ cidr: cidrSchema, except: z.array(cidrSchema).nullish() }).superRefine(
  (block, ctx) => {
    for (const [index, except] of (block.except ?? []).entries()) {
      const inside =
        except.family === block.cidr.family &&
        except.start >= block.cidr.start &&
        except.end <= block.cidr.end &&
        (except.start !== block.cidr.start || except.end !== block.cidr.end);
      if (!inside) {
        const familyNote =
          except.family === block.cidr.family
            ? ""
            : ` (it is IPv${except.family}, the cidr IPv${block.cidr.family})`;
        ctx.addIssue({
          code: "custom",
          path: ["except", index],
          message: `except ${quote(except.text)} is not strictly inside cidr ${quote(block.cidr.text)}${familyNote}`,
        });
      }
    }
  },
);

const peerSchema = strictObject({
  podSelector: labelSelectorSchema.nullish(),
  namespaceSelector: labelSelectorSchema.nullish(),
  ipBlock: ipBlockSchema.nullish(),
}).superRefine((peer, ctx) => {
  const hasSelector = peer.podSelector != null || peer.namespaceSelector != null;
  if (peer.ipBlock != null && hasSelector) {
    ctx.addIssue({
      code: "custom",
      message: "a peer with ipBlock cannot also have podSelector or namespaceSelector",
    });
  } else if (peer.ipBlock == null && !hasSelector) {
    ctx.addIssue({ code: "custom", message: "a peer needs podSelector, namespaceSelector or ipBlock" });
  }
});

const policyPortSchema = strictObject({
  protocol: protocolSchema.nullish(),
  port: portOrNameSchema("port").nullish(),
  endPort: portNumberSchema("endPort").nullish(),
}).superRefine((entry, ctx) => {
  const { port, endPort } = entry;
  if (endPort == null) return;
  const problem =
    port == null
      ? "endPort needs a port to start the range"
      : typeof port === "string"
        ? `endPort cannot be used with the named port ${quote(port)}`
        : endPort < port
          ? `endPort ${endPort} is below port ${port}`
          : undefined;
  if (problem !== undefined) ctx.addIssue({ code: "custom", path: ["endPort"], message: problem });
});

const portsSchema = z.array(nullAsEmpty(policyPortSchema)).nullish();
const peersSchema = z.array(nullAsEmpty(peerSchema)).nullish();

const ingressRuleSchema = nullAsEmpty(strictObject({ from: peersSchema, ports: portsSchema }));
const egressRuleSchema = nullAsEmpty(strictObject({ to: peersSchema, ports: portsSchema }));

const policyTypeSchema = z.enum(["Ingress", "Egress"], {
  error: (issue) => `${describeValue(issue.input)} is not a policy type; use Ingress or Egress`,
});

const specSchema = strictObject({
  podSelector: labelSelectorSchema.nullish(),
  policyTypes: z.array(policyTypeSchema).max(2, { error: "lists more than two policy types" }).nullish(),
  ingress: z.array(ingressRuleSchema).nullish(),
  egress: z.array(egressRuleSchema).nullish(),
});

export const networkPolicySchema = kubernetesObjectSchema({
  metadata: objectMetadataSchema,
  spec: nullAsEmpty(specSchema),
});

export type NetworkPolicyManifest = z.output<typeof networkPolicySchema>;
export type PeerManifest = z.output<typeof peerSchema>;
export type PolicyPortManifest = z.output<typeof policyPortSchema>;
