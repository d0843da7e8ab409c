import { z } from "zod";
import { LINT_RULES } from "../analysis/lint/registry.js";
import { SEVERITIES } from "../model/finding.js";
import { PROTOCOLS } from "../model/protocol.js";
import { WORKLOAD_KINDS } from "../model/workload.js";

/** Where the app reads its configuration, in the pull request's base branch. */
export const CONFIG_PATH = ".github/netpol-review.yml";

/**
 * The extensions `kubectl apply -f <dir>` reads, anywhere in the repository, and kustomize's
 * extension-less `Kustomization` file.
 */
export const DEFAULT_INCLUDE = ["**/*.yaml", "**/*.yml", "**/*.json", "**/Kustomization"] as const;

// RFC 1123 label: what Kubernetes accepts as a namespace name.
const namespaceName = z
  .string()
  .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, "must be a namespace name: lower-case letters, digits and '-'")
  .max(63);

// RFC 1123 subdomain: what Kubernetes accepts as a workload name.
const objectName = z
  .string()
  .regex(
    /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/,
    "must be an object name: lower-case letters, digits, '-' and '.'",
  )
  .max(253);

const labels = z
  .record(z.string().min(1), z.string())
  .describe('Labels as `key: value`; quote values such as `"true"` or `"1.0"`.');

const glob = z
  .string()
  .min(1)
  .refine((value) => !value.startsWith("/"), "must be relative to the repository root (no leading '/')");

/** Which files of the repository are Kubernetes manifests. */
export const manifestsSchema = z
  .strictObject({
    /** Globs of the files to read (picomatch syntax, matched against the path from the repository root). */
    include: z
      .array(glob)
      .min(1)
      .default([...DEFAULT_INCLUDE])
      .describe(
        "Globs of the files to read, matched against the path from the repository root (`deploy/**/*.yaml`). Dot files and directories match.",
      ),
    /** Globs of files to leave out even though `include` matches them. */
    exclude: z
      .array(glob)
      .default([])
      .describe(
        "Globs of files to leave out even though `include` matches them (`**/kustomization.yaml`, `charts/**`).",
      ),
  })
  .describe("Which files of the repository are Kubernetes manifests.");

/** A namespace that exists in the cluster but has no manifest in the repository. */
const contextNamespaceSchema = z
  .strictObject({
    /** The namespace's name; it also carries the label `kubernetes.io/metadata.name: <name>`. */
    name: namespaceName.describe(
      "The namespace's name; it also carries the label `kubernetes.io/metadata.name: <name>`.",
    ),
    /** The namespace's labels, which `namespaceSelector`s match. */
    labels: labels.default({}).describe("The namespace's labels, which `namespaceSelector`s match."),
  })
  .describe("A namespace that exists in the cluster but has no manifest in the repository.");

/** A container port of a cluster workload, for policies that name ports. */
const contextPortSchema = z
  .strictObject({
    /** The port's name, which policies may use instead of the number. */
    name: z
      .string()
      .min(1)
      .max(15)
      .optional()
      .describe("The port's name, which policies may use instead of the number."),
    /** The container port number. */
    port: z.number().int().min(1).max(65535).describe("The container port number."),
    /** TCP (the default), UDP or SCTP. */
    protocol: z.enum(PROTOCOLS).optional().describe("TCP (the default), UDP or SCTP."),
  })
  .describe("A container port of the workload.");

/** A workload that runs in the cluster but has no manifest in the repository (an ingress controller, kube-dns). */
const contextWorkloadSchema = z
  .strictObject({
    /** The workload's kind; `Deployment` when left out. */
    kind: z.enum(WORKLOAD_KINDS).optional().describe("The workload's kind; `Deployment` when left out."),
    /** The namespace it runs in. */
    namespace: namespaceName.describe("The namespace it runs in."),
    /** The workload's name. */
    name: objectName.describe("The workload's name."),
    /** The labels of its pods, which `podSelector`s match. */
    labels: labels.default({}).describe("The labels of its pods, which `podSelector`s match."),
    /** Its container ports, needed when policies refer to them by name. */
    ports: z
      .array(contextPortSchema)
      .default([])
      .describe("Its container ports, needed when policies refer to them by name."),
  })
  .describe("A workload that runs in the cluster but has no manifest in the repository.");

/** What the cluster holds beyond the repository, so that paths to and from it are shown by name. */
export const contextSchema = z
  .strictObject({
    /** Namespaces that exist in the cluster but not in the repository. */
    namespaces: z
      .array(contextNamespaceSchema)
      .default([])
      .describe("Namespaces that exist in the cluster but not in the repository."),
    /** Workloads that run in the cluster but are not in the repository. */
    workloads: z
      .array(contextWorkloadSchema)
      .default([])
      .describe("Workloads that run in the cluster but are not in the repository."),
  })
  .describe(
    "What the cluster holds beyond the repository (ingress controller, kube-dns, monitoring), so that paths to and from it are named.",
  );

const ruleSetting = z.enum([...SEVERITIES, "off"]);

/** Per lint rule (docs/rules.md): a severity, or `off`. A rule id that does not exist is an error. */
export const rulesSchema = z
  .strictObject(
    Object.fromEntries(
      // One key per rule id (a rule may be registered once per kind it checks): the first describes it.
      LINT_RULES.filter((rule, i, all) => all.findIndex((r) => r.id === rule.id) === i).map((rule) => [
        rule.id,
        ruleSetting.optional().describe(`${rule.summary} Default: \`${rule.defaultSeverity}\`.`),
      ]),
    ) as Record<string, z.ZodOptional<typeof ruleSetting>>,
  )
  .describe(
    "Per lint rule id (docs/rules.md): a severity (`error`, `warning`, `notice`) or `off` to not report it.",
  );

/** When the `netpol-review` check fails. Findings and paths count only when the pull request introduces them. */
export const failOnSchema = z
  .strictObject({
    /** Fail when the pull request introduces a finding of this severity or worse; `never` to not fail on findings. */
    severity: z
      .enum([...SEVERITIES, "never"])
      .default("error")
      .describe(
        "Fail when the pull request introduces a finding of this severity or worse (`error` > `warning` > `notice`); `never` to not fail on findings. Findings that already exist at the base do not count.",
      ),
    /** Fail when the pull request opens any network path. */
    openedPaths: z.boolean().default(false).describe("Fail when the pull request opens any network path."),
    /** Fail when the pull request opens a path into one of these namespaces. */
    protectedNamespaces: z
      .array(namespaceName)
      .default([])
      .describe(
        "Fail when the pull request opens a path into one of these namespaces (`kube-system`, `payments`). While one of them is described by no manifest and no `context` entry, a path into `[other pods]` (any other pod in the cluster) counts as a path into it.",
      ),
  })
  .describe("When the `netpol-review` check fails. Only what the pull request introduces counts.");

const directory = z
  .string()
  .min(1)
  .refine((value) => !value.startsWith("/"), "must be relative to the repository root (no leading '/')")
  .transform((value) => value.replace(/\/+$/, "") || ".");

/** One review scope: a cluster or environment reviewed on its own (docs/scopes.md). */
export const scopeSchema = z
  .strictObject({
    /** How the comment, the check and `--scope` name it. */
    name: z
      .string()
      .regex(
        /^[A-Za-z0-9][A-Za-z0-9._/-]*$/,
        "must start with a letter or digit; then letters, digits, '.', '_', '/', '-'",
      )
      .max(100)
      .describe(
        "How the comment, the check and `netpol-review --scope` name this scope (`prod`, `eu/staging`).",
      ),
    /** Kustomization directories rendered into this scope. */
    roots: z
      .array(directory)
      .default([])
      .describe(
        "Kustomization directories rendered into this scope, from the repository root (`apps/api/overlays/prod`, `policies/prod`): each is built as `kustomize build` would, bases included.",
      ),
    /** Globs of plain manifests (files no kustomization of the scope reads) in this scope. */
    include: z
      .array(glob)
      .default([])
      .describe(
        "Globs of plain manifest files in this scope, matched against the path from the repository root (`clusters/prod/**`). Files the scope's `roots` render are in it already.",
      ),
    /** Globs of files `include` matches that stay out of this scope. */
    exclude: z
      .array(glob)
      .default([])
      .describe("Globs of files that `include` matches but that stay out of this scope."),
    /** What this scope's cluster holds beyond the repository, added to the top-level `context`. */
    context: contextSchema
      .optional()
      .describe("What this scope's cluster holds beyond the repository, added to the top-level `context`."),
  })
  .refine((scope) => scope.roots.length > 0 || scope.include.length > 0, {
    message: "a scope needs `roots` or `include`",
  })
  .describe("A cluster or environment reviewed on its own.");

/** The repository's configuration, `.github/netpol-review.yml` in the pull request's base branch. */
export const configSchema = z
  .strictObject({
    /** Which files are manifests. */
    manifests: manifestsSchema.default({ include: [...DEFAULT_INCLUDE], exclude: [] }),
    /** Annotation keys accepted as a policy's documentation (replaces the defaults). */
    descriptionAnnotations: z
      .array(z.string().min(1))
      .min(1)
      .optional()
      .describe(
        "Annotation keys accepted as a policy's documentation. Replaces the defaults `kubernetes.io/description` and `netpol-review/description`.",
      ),
    /** Per lint rule id: a severity, or `off` to not report it. */
    rules: rulesSchema.default({}),
    /** Namespaces and workloads of the cluster that are not in the repository. */
    context: contextSchema.default({ namespaces: [], workloads: [] }),
    /** Review scopes; when left out, each top-level kustomization is one and plain manifests another. */
    scopes: z
      .array(scopeSchema)
      .min(1)
      .refine((list) => new Set(list.map((s) => s.name)).size === list.length, {
        message: "scope names must be unique",
      })
      .optional()
      .describe(
        "The clusters or environments reviewed separately (docs/scopes.md). When left out, each kustomization no other kustomization includes is one scope and the manifests outside every kustomization are one more. When given, only these are reviewed.",
      ),
    /** When the check fails. */
    failOn: failOnSchema.default({ severity: "error", openedPaths: false, protectedNamespaces: [] }),
    /** When to post the sticky pull request comment. */
    comment: z
      .enum(["always", "on-change", "never"])
      .default("on-change")
      .describe(
        "When to post the pull request comment: `always`; `on-change` (default): only when the pull request opens or closes a path or introduces a finding (an existing comment is still kept up to date); `never`.",
      ),
    /** Whether to comment inline on changed lines that introduce a finding. */
    reviewComments: z
      .boolean()
      .default(true)
      .describe(
        "Whether to post inline review comments on the changed lines of policies that lack documentation and on other introduced error findings.",
      ),
  })
  .describe("netpol-review configuration: `.github/netpol-review.yml` in the pull request's base branch.");

export type Config = z.output<typeof configSchema>;
export type FailOn = Config["failOn"];
export type CommentMode = Config["comment"];
export type ScopeConfig = NonNullable<Config["scopes"]>[number];

/** The configuration of a repository without a config file. */
export const DEFAULT_CONFIG: Config = configSchema.parse({});
