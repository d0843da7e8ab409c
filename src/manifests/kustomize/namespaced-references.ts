import { isMapping } from "./provenance.js";
import { allNames, currentName, effectiveNamespace, kindOf, type Resource } from "./resource.js";

/**
 * References that name their object's namespace too follow it when it is renamed or moved
 * (kustomize's namereference.go): RoleBinding and ClusterRoleBinding subjects of kind
 * ServiceAccount, and the Service of a webhook's clientConfig. A reference to an object the
 * build does not hold is left as written.
 */
export function fixNamespacedReferences(resources: readonly Resource[]): void {
  const accounts = resources.filter((r) => kindOf(r) === "ServiceAccount");
  const services = resources.filter((r) => kindOf(r) === "Service");
  for (const resource of resources) {
    const kind = kindOf(resource);
    if ((kind === "RoleBinding" || kind === "ClusterRoleBinding") && Array.isArray(resource.value.subjects)) {
      for (const subject of resource.value.subjects)
        if (isMapping(subject) && subject.kind === "ServiceAccount") follow(subject, accounts);
    }
    if (
      (kind === "ValidatingWebhookConfiguration" || kind === "MutatingWebhookConfiguration") &&
      Array.isArray(resource.value.webhooks)
    ) {
      for (const webhook of resource.value.webhooks) {
        const service =
          isMapping(webhook) && isMapping(webhook.clientConfig) ? webhook.clientConfig.service : undefined;
        if (isMapping(service)) follow(service, services);
      }
    }
  }
}

function follow(reference: Record<string, unknown>, candidates: readonly Resource[]): void {
  if (typeof reference.name !== "string") return;
  const name = reference.name;
  const namespace = effectiveNamespace(typeof reference.namespace === "string" ? reference.namespace : "");
  const matches = candidates.filter((c) =>
    allNames(c).some((n) => n.name === name && effectiveNamespace(n.namespace) === namespace),
  );
  if (matches.length !== 1) return;
  const target = currentName(matches[0] as Resource);
  reference.name = target.name;
  if (target.namespace !== "") reference.namespace = target.namespace;
}
