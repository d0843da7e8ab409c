import type { AdminPolicy } from "./admin-policy.js";
import type { Finding } from "./finding.js";
import type { Namespace } from "./namespace.js";
import type { NetworkPolicy } from "./network-policy.js";
import type { Service } from "./service.js";
import type { Workload } from "./workload.js";

/** Everything the analysis needs from one snapshot of a repository's manifests. */
export interface ManifestTree {
  readonly workloads: readonly Workload[];
  readonly policies: readonly NetworkPolicy[];
  /** AdminNetworkPolicy, BaselineAdminNetworkPolicy and ClusterNetworkPolicy objects, in file order. */
  readonly adminPolicies: readonly AdminPolicy[];
  readonly namespaces: readonly Namespace[];
  readonly services: readonly Service[];
  /** Loader diagnostics (rule `invalid-manifest`); the objects they concern are not in the lists above. */
  readonly diagnostics: readonly Finding[];
  /** Objects of kinds the analysis does not use, counted by kind. */
  readonly skipped: Readonly<Record<string, number>>;
  /** The files read, relative to the tree's root. */
  readonly files: readonly string[];
}
