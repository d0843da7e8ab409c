import { z } from "zod";
import { PROTOCOLS } from "../../model/protocol.js";
import { makeSelector } from "../../model/selector.js";
import { parseCidr } from "../cidr.js";
import { describeValue } from "../quote.js";
import { labelKeyProblem, labelValueProblem } from "../validate/label.js";
import { portNameProblem, portNumberProblem } from "../validate/port.js";
import { OBJECT_FIELDS, OBJECT_META_FIELDS } from "./api-fields.js";
import { strictObject } from "./strict-object.js";

/**
 * Go decodes a `null` list item into the zero value, so `ingress: [null]` (a bare `-`) means
 * the same as `- {}`; this reads it the same way.
 */
export function nullAsEmpty<T extends z.ZodType>(schema: T) {
  return z.preprocess((value) => value ?? {}, schema);
}

/**
 * Go decodes `key:` with no value into "" in a string map, so `app:` is the label app="".
 * zod silently drops a `__proto__` key, which the API server would refuse: reported instead.
 */
const stringMap = z.preprocess(
  (value, ctx) => {
    if (typeof value === "object" && value !== null && Object.hasOwn(value, "__proto__")) {
      ctx.addIssue({ code: "custom", path: ["__proto__"], message: 'key "__proto__" is not a valid key' });
    }
    return value;
  },
  z.record(
    z.string(),
    z
      .string()
      .nullable()
      .transform((value) => value ?? ""),
  ),
);

export const labelMapSchema = stringMap.superRefine((labels, ctx) => {
  for (const [key, value] of Object.entries(labels)) {
    const problem = labelKeyProblem(key) ?? labelValueProblem(value);
    if (problem !== undefined) ctx.addIssue({ code: "custom", path: [key], message: problem });
  }
});

const metadataShape = {
  name: z.string().min(1, { error: "must not be empty" }),
  namespace: z.string().nullish(),
  labels: labelMapSchema.nullish(),
  annotations: stringMap.nullish(),
};

/**
 * The API server uses `generateName` as a prefix "only if name is not specified" (ObjectMeta),
 * and Helm and Argo CD hook Jobs rely on it: such an object is read under its prefix.
 */
function nameFromGenerateName(value: unknown): unknown {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return value;
  const meta = value as Record<string, unknown>;
  if (meta.name != null || typeof meta.generateName !== "string" || meta.generateName === "") return value;
  return { ...meta, name: meta.generateName };
}

/** ObjectMeta, with `extra` fields modelled (they must be ObjectMeta fields). */
export function metadataSchemaWith<S extends z.core.$ZodLooseShape>(extra: S) {
  return z.preprocess(nameFromGenerateName, strictObject({ ...metadataShape, ...extra }, OBJECT_META_FIELDS));
}

/** A missing `metadata` reads as empty, so the message names the field that matters: `metadata.name`. */
export const objectMetadataSchema = nullAsEmpty(metadataSchemaWith({}));

/** A pod template's metadata: only the labels matter, and no field is required. */
export const templateMetadataSchema = strictObject({ labels: labelMapSchema.nullish() }, OBJECT_META_FIELDS);

/** A whole Kubernetes object: `apiVersion`, `kind`, `metadata`, `spec` and `status`. */
export function kubernetesObjectSchema<S extends z.core.$ZodLooseShape>(shape: S) {
  return strictObject(shape, OBJECT_FIELDS);
}

export const protocolSchema = z.enum(PROTOCOLS, {
  error: (issue) => `${describeValue(issue.input)} is not a protocol; use TCP, UDP or SCTP (upper case)`,
});

export function portNumberSchema(what: string) {
  return z.number().superRefine((value, ctx) => {
    const problem = portNumberProblem(value, what);
    if (problem !== undefined) ctx.addIssue({ code: "custom", message: problem });
  });
}

export const portNameSchema = z.string().superRefine((value, ctx) => {
  const problem = portNameProblem(value);
  if (problem !== undefined) ctx.addIssue({ code: "custom", message: problem });
});

/** Kubernetes' IntOrString for ports: a number is a port, a string a container port name. */
export function portOrNameSchema(what: string) {
  return z
    .union([z.number(), z.string()], {
      error: (issue) => `must be a port number or a port name, not ${describeValue(issue.input)}`,
    })
    .superRefine((value, ctx) => {
      const problem = typeof value === "number" ? portNumberProblem(value, what) : portNameProblem(value);
      if (problem !== undefined) ctx.addIssue({ code: "custom", message: problem });
    });
}

const OPERATORS = ["In", "NotIn", "Exists", "DoesNotExist"] as const;

const requirementSchema = strictObject({
  key: z.string(),
  operator: z.enum(OPERATORS, {
    error: (issue) =>
      `${describeValue(issue.input)} is not a selector operator; use In, NotIn, Exists or DoesNotExist`,
  }),
  values: z.array(z.string()).nullish(),
}).superRefine((req, ctx) => {
  const keyProblem = labelKeyProblem(req.key);
  if (keyProblem !== undefined) ctx.addIssue({ code: "custom", path: ["key"], message: keyProblem });
  const values = req.values ?? [];
  const needsValues = req.operator === "In" || req.operator === "NotIn";
  if (needsValues && values.length === 0) {
    ctx.addIssue({
      code: "custom",
      path: ["values"],
      message: `operator ${req.operator} needs at least one value`,
    });
  }
  if (!needsValues && values.length > 0) {
    ctx.addIssue({ code: "custom", path: ["values"], message: `operator ${req.operator} takes no values` });
  }
  for (const [index, value] of values.entries()) {
    const problem = labelValueProblem(value);
    if (problem !== undefined) ctx.addIssue({ code: "custom", path: ["values", index], message: problem });
  }
});

/** A label selector, decoded straight into its canonical form. */
export const labelSelectorSchema = strictObject({
  matchLabels: labelMapSchema.nullish(),
  matchExpressions: z.array(requirementSchema).nullish(),
}).transform((selector) =>
  makeSelector(
    selector.matchLabels ?? undefined,
    selector.matchExpressions?.map((req) => ({
      key: req.key,
      operator: req.operator,
      values: req.values ?? [],
    })),
  ),
);

/** A CIDR (IPv4 or IPv6), parsed; a malformed one is an issue with the parser's reason. */
export const cidrSchema = z.string().transform((text, ctx) => {
  const cidr = parseCidr(text);
  if ("error" in cidr) {
    ctx.addIssue({ code: "custom", message: cidr.error });
    return z.NEVER;
  }
  return cidr;
});
