/**
 * Every field of the Kubernetes API types whose fields the schemas check but do not all model
 * (the review reads a few fields of a pod spec, not its volumes or probes). A field outside
 * these lists is one the API server's strict field validation (kubectl's default) rejects;
 * a field in them is legitimate even when the review never reads it.
 *
 * Source: the Kubernetes API reference (https://kubernetes.io/docs/reference/kubernetes-api/),
 * v1.31 and later, cross-checked with the generated clients of v1.35 (k8s-openapi, pulumi
 * kubernetes): fields added after v1.31 are included, so that a manifest written for a newer
 * cluster is not rejected. Fields removed before v1.31 (`ObjectMeta.clusterName`, 1.25) are not.
 */

/** The top level of every kind the review reads (`status` is accepted and never read). */
export const OBJECT_FIELDS = ["apiVersion", "kind", "metadata", "spec", "status"] as const;

/** io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta. */
export const OBJECT_META_FIELDS = [
  "annotations",
  "creationTimestamp",
  "deletionGracePeriodSeconds",
  "deletionTimestamp",
  "finalizers",
  "generateName",
  "generation",
  "labels",
  "managedFields",
  "name",
  "namespace",
  "ownerReferences",
  "resourceVersion",
  "selfLink",
  "uid",
] as const;

/** io.k8s.apimachinery.pkg.apis.meta.v1.OwnerReference. */
export const OWNER_REFERENCE_FIELDS = [
  "apiVersion",
  "blockOwnerDeletion",
  "controller",
  "kind",
  "name",
  "uid",
] as const;

/** io.k8s.api.core.v1.PodSpec. */
export const POD_SPEC_FIELDS = [
  "activeDeadlineSeconds",
  "affinity",
  "automountServiceAccountToken",
  "containers",
  "dnsConfig",
  "dnsPolicy",
  "enableServiceLinks",
  "ephemeralContainers",
  "evictionResponders",
  "hostAliases",
  "hostIPC",
  "hostNetwork",
  "hostPID",
  "hostUsers",
  "hostname",
  "hostnameOverride",
  "imagePullSecrets",
  "initContainers",
  "nodeName",
  "nodeSelector",
  "os",
  "overhead",
  "preemptionPolicy",
  "priority",
  "priorityClassName",
  "readinessGates",
  "resourceClaims",
  "resources",
  "restartPolicy",
  "runtimeClassName",
  "schedulerName",
  "schedulingGates",
  "schedulingGroup",
  "securityContext",
  "serviceAccount",
  "serviceAccountName",
  "setHostnameAsFQDN",
  "shareProcessNamespace",
  "subdomain",
  "terminationGracePeriodSeconds",
  "tolerations",
  "topologySpreadConstraints",
  "volumes",
  "workloadRef",
] as const;

/** io.k8s.api.core.v1.Container (containers and initContainers). */
export const CONTAINER_FIELDS = [
  "args",
  "command",
  "env",
  "envFrom",
  "image",
  "imagePullPolicy",
  "lifecycle",
  "livenessProbe",
  "name",
  "ports",
  "readinessProbe",
  "resizePolicy",
  "resources",
  "restartPolicy",
  "restartPolicyRules",
  "securityContext",
  "startupProbe",
  "stdin",
  "stdinOnce",
  "terminationMessagePath",
  "terminationMessagePolicy",
  "tty",
  "volumeDevices",
  "volumeMounts",
  "workingDir",
] as const;

/** io.k8s.api.core.v1.ContainerPort. */
export const CONTAINER_PORT_FIELDS = ["containerPort", "hostIP", "hostPort", "name", "protocol"] as const;

/** io.k8s.api.core.v1.PodTemplateSpec and batch/v1 JobTemplateSpec. */
export const TEMPLATE_FIELDS = ["metadata", "spec"] as const;

/** The spec of each controller kind: apps/v1, batch/v1 and core/v1 (ReplicationController). */
export const CONTROLLER_SPEC_FIELDS = {
  Deployment: [
    "minReadySeconds",
    "paused",
    "progressDeadlineSeconds",
    "replicas",
    "revisionHistoryLimit",
    "selector",
    "strategy",
    "template",
  ],
  StatefulSet: [
    "minReadySeconds",
    "ordinals",
    "persistentVolumeClaimRetentionPolicy",
    "podManagementPolicy",
    "replicas",
    "revisionHistoryLimit",
    "selector",
    "serviceName",
    "template",
    "updateStrategy",
    "volumeClaimTemplates",
  ],
  DaemonSet: ["minReadySeconds", "revisionHistoryLimit", "selector", "template", "updateStrategy"],
  ReplicaSet: ["minReadySeconds", "replicas", "selector", "template"],
  ReplicationController: ["minReadySeconds", "replicas", "selector", "template"],
  Job: [
    "activeDeadlineSeconds",
    "backoffLimit",
    "backoffLimitPerIndex",
    "completionMode",
    "completions",
    "managedBy",
    "manualSelector",
    "maxFailedIndexes",
    "parallelism",
    "podFailurePolicy",
    "podReplacementPolicy",
    "selector",
    "successPolicy",
    "suspend",
    "template",
    "ttlSecondsAfterFinished",
  ],
} as const;

/** batch/v1 CronJobSpec. */
export const CRON_JOB_SPEC_FIELDS = [
  "concurrencyPolicy",
  "failedJobsHistoryLimit",
  "jobTemplate",
  "schedule",
  "startingDeadlineSeconds",
  "successfulJobsHistoryLimit",
  "suspend",
  "timeZone",
] as const;

/** io.k8s.api.core.v1.ServiceSpec. */
export const SERVICE_SPEC_FIELDS = [
  "allocateLoadBalancerNodePorts",
  "clusterIP",
  "clusterIPs",
  "externalIPs",
  "externalName",
  "externalTrafficPolicy",
  "healthCheckNodePort",
  "internalTrafficPolicy",
  "ipFamilies",
  "ipFamilyPolicy",
  "loadBalancerClass",
  "loadBalancerIP",
  "loadBalancerSourceRanges",
  "ports",
  "publishNotReadyAddresses",
  "selector",
  "sessionAffinity",
  "sessionAffinityConfig",
  "trafficDistribution",
  "type",
] as const;

/** io.k8s.api.core.v1.ServicePort. */
export const SERVICE_PORT_FIELDS = [
  "appProtocol",
  "name",
  "nodePort",
  "port",
  "protocol",
  "targetPort",
] as const;

/** io.k8s.api.core.v1.NamespaceSpec. */
export const NAMESPACE_SPEC_FIELDS = ["finalizers"] as const;
