import type { AdminPolicy } from "../model/admin-policy.js";
import type { Finding } from "../model/finding.js";
import type { Namespace } from "../model/namespace.js";
import type { NetworkPolicy } from "../model/network-policy.js";
import type { Service } from "../model/service.js";
import type { SourceRef } from "../model/source.js";
import type { ManifestTree } from "../model/tree.js";
import type { Workload } from "../model/workload.js";
import { invalidManifest, objectName } from "./invalid-manifest.js";

/**
 * Accumulates one tree. The same workload, Service or Namespace defined twice cannot exist in a
 * cluster: the first definition is kept and the second gets a warning. NetworkPolicies are all
 * kept, because a lint rule explains their duplicates.
 */
export class TreeCollector {
  private readonly files: string[] = [];
  private readonly workloads = new Map<string, Workload>();
  private readonly policies: NetworkPolicy[] = [];
  private readonly adminPolicies = new Map<string, AdminPolicy>();
  private readonly namespaces = new Map<string, Namespace>();
  private readonly services = new Map<string, Service>();
  private readonly diagnostics: Finding[] = [];
  private readonly skipped = new Map<string, number>();

  addFile(path: string): void {
    this.files.push(path);
  }

  addDiagnostic(finding: Finding): void {
    this.diagnostics.push(finding);
  }

  skip(label: string): void {
    this.skipped.set(label, (this.skipped.get(label) ?? 0) + 1);
  }

  addPolicy(policy: NetworkPolicy): void {
    this.policies.push(policy);
  }

  /** Cluster-scoped: one object per kind and name, like a workload. */
  addAdminPolicy(policy: AdminPolicy): void {
    this.addUnique(this.adminPolicies, policy.kind, undefined, policy.name, policy);
  }

  addWorkload(workload: Workload): void {
    this.addUnique(this.workloads, workload.kind, workload.namespace, workload.name, workload);
  }

  addService(service: Service): void {
    this.addUnique(this.services, "Service", service.namespace, service.name, service);
  }

  addNamespace(namespace: Namespace): void {
    this.addUnique(this.namespaces, "Namespace", undefined, namespace.name, namespace);
  }

  tree(): ManifestTree {
    return {
      workloads: [...this.workloads.values()],
      policies: this.policies,
      adminPolicies: [...this.adminPolicies.values()],
      namespaces: [...this.namespaces.values()],
      services: [...this.services.values()],
      diagnostics: this.diagnostics,
      skipped: Object.fromEntries(this.skipped),
      files: this.files,
    };
  }

  private addUnique<T extends { readonly source: SourceRef }>(
    into: Map<string, T>,
    kind: string,
    namespace: string | undefined,
    name: string,
    value: T,
  ): void {
    const key = JSON.stringify([kind, namespace, name]);
    const first = into.get(key);
    if (first === undefined) {
      into.set(key, value);
      return;
    }
    const shown = objectName(kind, namespace, name);
    const { file, line } = value.source;
    const firstAt = `${first.source.file}:${first.source.line}`;
    this.addDiagnostic(
      invalidManifest(
        file,
        line,
        `${shown} is defined twice; the first definition (${firstAt}) is used and this one ignored`,
        shown,
        "warning",
      ),
    );
  }
}
