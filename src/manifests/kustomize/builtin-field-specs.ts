import type { FieldSpec } from "./field-specs.js";

// Transcribed from kustomize's built-in transformer configuration,
// api/internal/konfig/builtinpluginconsts/{commonlabels,metadatalabels,commonannotations}.go.

const template = (kind: string, extra: Partial<FieldSpec> = {}, field = "labels"): FieldSpec[] =>
  kind === "CronJob"
    ? [
        { path: `spec/jobTemplate/metadata/${field}`, create: true, group: "batch", kind },
        { path: `spec/jobTemplate/spec/template/metadata/${field}`, create: true, group: "batch", kind },
      ]
    : [{ path: `spec/template/metadata/${field}`, create: true, kind, ...extra }];

/** `labels` with `includeVolumeClaimTemplates`. */
export const VOLUME_CLAIM_LABELS: FieldSpec = {
  path: "spec/volumeClaimTemplates[]/metadata/labels",
  create: true,
  group: "apps",
  kind: "StatefulSet",
};

/** Pod template labels (`labels` with `includeTemplates`), without metadata/labels and volume claims. */
export const TEMPLATE_LABEL_SPECS: readonly FieldSpec[] = [
  ...template("ReplicationController", { version: "v1" }),
  ...template("Deployment"),
  ...template("ReplicaSet"),
  ...template("DaemonSet"),
  ...template("StatefulSet", { group: "apps" }),
  ...template("Job", { group: "batch" }),
  ...template("CronJob"),
];

export const METADATA_LABELS: FieldSpec = { path: "metadata/labels", create: true };

const affinity = (kind: string): FieldSpec[] =>
  [
    "podAffinity/preferredDuringSchedulingIgnoredDuringExecution/podAffinityTerm",
    "podAffinity/requiredDuringSchedulingIgnoredDuringExecution",
    "podAntiAffinity/preferredDuringSchedulingIgnoredDuringExecution/podAffinityTerm",
    "podAntiAffinity/requiredDuringSchedulingIgnoredDuringExecution",
  ]
    .map((term) => `spec/template/spec/affinity/${term}/labelSelector/matchLabels`)
    .concat("spec/template/spec/topologySpreadConstraints/labelSelector/matchLabels")
    .map((path) => ({ path, create: false, group: "apps", kind }));

/** Where `commonLabels` (and `labels` with `includeSelectors`) go: metadata, templates and selectors. */
export const COMMON_LABEL_SPECS: readonly FieldSpec[] = [
  { path: "spec/selector", create: true, version: "v1", kind: "Service" },
  { path: "spec/selector", create: true, version: "v1", kind: "ReplicationController" },
  { path: "spec/selector/matchLabels", create: true, kind: "Deployment" },
  ...affinity("Deployment"),
  { path: "spec/selector/matchLabels", create: true, kind: "ReplicaSet" },
  { path: "spec/selector/matchLabels", create: true, kind: "DaemonSet" },
  { path: "spec/selector/matchLabels", create: true, group: "apps", kind: "StatefulSet" },
  ...affinity("StatefulSet"),
  { path: "spec/selector/matchLabels", create: false, group: "batch", kind: "Job" },
  { path: "spec/jobTemplate/spec/selector/matchLabels", create: false, group: "batch", kind: "CronJob" },
  { path: "spec/selector/matchLabels", create: false, group: "policy", kind: "PodDisruptionBudget" },
  { path: "spec/podSelector/matchLabels", create: false, group: "networking.k8s.io", kind: "NetworkPolicy" },
  {
    path: "spec/ingress/from/podSelector/matchLabels",
    create: false,
    group: "networking.k8s.io",
    kind: "NetworkPolicy",
  },
  {
    path: "spec/egress/to/podSelector/matchLabels",
    create: false,
    group: "networking.k8s.io",
    kind: "NetworkPolicy",
  },
  METADATA_LABELS,
  ...TEMPLATE_LABEL_SPECS,
  VOLUME_CLAIM_LABELS,
];

/** Where `commonAnnotations` go: metadata and pod templates. */
export const COMMON_ANNOTATION_SPECS: readonly FieldSpec[] = [
  { path: "metadata/annotations", create: true },
  ...template("ReplicationController", { version: "v1" }, "annotations"),
  ...template("Deployment", {}, "annotations"),
  ...template("ReplicaSet", {}, "annotations"),
  ...template("DaemonSet", {}, "annotations"),
  ...template("StatefulSet", {}, "annotations"),
  ...template("Job", { group: "batch" }, "annotations"),
  ...template("CronJob", {}, "annotations"),
];
