import type { z } from "zod";
import { convertNamespace } from "./convert/namespace.js";
import { convertNetworkPolicy } from "./convert/network-policy.js";
import { ObjectLocation } from "./convert/object-location.js";
import { convertOperatorWorkloads, operatorResourceSchema } from "./convert/operator-workloads.js";
import { convertService } from "./convert/service.js";
import { convertController, convertCronJob, convertPod } from "./convert/workload.js";
import { invalidManifest, objectName } from "./invalid-manifest.js";
import type { ManifestObject } from "./kubernetes-objects.js";
import { loadAdminPolicy } from "./load-admin-policy.js";
import { classifyObject } from "./object-kind.js";
import { salvageWorkload } from "./salvage.js";
import { namespaceSchema } from "./schemas/namespace.js";
import { networkPolicySchema } from "./schemas/network-policy.js";
import { serviceSchema } from "./schemas/service.js";
import { withoutExplainedMissingFields } from "./schemas/strict-object.js";
import { controllerSchemas, cronJobSchema, podSchema } from "./schemas/workload.js";
import type { FieldPositions } from "./source-positions.js";
import type { TreeCollector } from "./tree-collector.js";
import { issueMessage, issuePath } from "./zod-issues.js";

/** Validates one object and adds it to the tree, or adds why the API server would reject it. */
export function loadObject(
  object: ManifestObject,
  file: string,
  positions: FieldPositions,
  into: TreeCollector,
): void {
  const category = classifyObject(object.apiVersion, object.kind);
  if (category.type === "skipped") {
    into.skip(category.label);
    return;
  }
  const at = new ObjectLocation(file, positions, object.path);
  const parse = <T extends z.ZodType>(schema: T): z.output<T> | undefined =>
    validate(
      schema,
      object,
      at,
      into,
      category.type !== "namespace" && category.type !== "adminPolicy",
      category.type === "workload",
    );
  switch (category.type) {
    case "namespace": {
      const manifest = parse(namespaceSchema);
      if (manifest) into.addNamespace(convertNamespace(manifest, at));
      return;
    }
    case "service": {
      const manifest = parse(serviceSchema);
      if (manifest) into.addService(convertService(manifest, at));
      return;
    }
    case "networkPolicy": {
      const manifest = parse(networkPolicySchema);
      if (manifest) into.addPolicy(convertNetworkPolicy(manifest, at));
      return;
    }
    case "adminPolicy": {
      loadAdminPolicy(category.kind, object.apiVersion, parse, at, into);
      return;
    }
    case "operatorWorkload": {
      const manifest = parse(operatorResourceSchema);
      if (manifest)
        for (const w of convertOperatorWorkloads(category.kind, manifest, at)) into.addWorkload(w);
      return;
    }
    case "workload": {
      const { kind } = category;
      if (kind === "Pod") {
        const manifest = parse(podSchema);
        if (manifest) into.addWorkload(convertPod(manifest, at));
      } else if (kind === "CronJob") {
        const manifest = parse(cronJobSchema);
        if (manifest) into.addWorkload(convertCronJob(manifest, at));
      } else {
        const manifest = parse(controllerSchemas[kind]);
        if (manifest) into.addWorkload(convertController(kind, manifest, at));
      }
      return;
    }
  }
}

function validate<T extends z.ZodType>(
  schema: T,
  object: ManifestObject,
  at: ObjectLocation,
  into: TreeCollector,
  namespaced: boolean,
  salvage: boolean,
): z.output<T> | undefined {
  const result = schema.safeParse(object.value, { reportInput: true });
  if (result.success) return result.data;
  const name = describeRawObject(object, namespaced);
  const issues = withoutExplainedMissingFields(result.error.issues);
  const salvaged = salvage ? salvageWorkload(object.value, issues) : null;
  const retried = salvaged && schema.safeParse(salvaged.value);
  if (salvaged && retried?.success) {
    for (const { issue, severity, consequence } of salvaged.issues) {
      const message = `${issueMessage(issue, (path) => at.writtenAs(path))}; ${consequence}`;
      const { file, line } = at.ref(issuePath(issue));
      into.addDiagnostic(invalidManifest(file, line, message, name, severity));
    }
    return retried.data;
  }
  for (const issue of issues) {
    const message = issueMessage(issue, (path) => at.writtenAs(path));
    const { file, line } = at.ref(issuePath(issue));
    into.addDiagnostic(invalidManifest(file, line, message, name));
  }
  return undefined;
}

/** Names an object that failed validation from whatever of its metadata is usable. */
function describeRawObject(object: ManifestObject, namespaced: boolean): string {
  const metadata = object.value.metadata;
  const field = (key: string): string | undefined => {
    const value =
      typeof metadata === "object" && metadata !== null
        ? (metadata as Record<string, unknown>)[key]
        : undefined;
    return typeof value === "string" && value !== "" ? value : undefined;
  };
  return objectName(object.kind, namespaced ? (field("namespace") ?? "default") : undefined, field("name"));
}
