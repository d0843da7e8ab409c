import type { z } from "zod";
import type { AdminPolicyKind } from "../model/admin-policy.js";
import { type ConvertedAdminPolicy, convertAdminPolicy } from "./convert/admin-policy.js";
import type { ObjectLocation } from "./convert/object-location.js";
import {
  adminNetworkPolicySchema,
  baselineAdminNetworkPolicySchema,
  clusterNetworkPolicySchema,
} from "./schemas/admin-policy.js";
import type { TreeCollector } from "./tree-collector.js";

type Parse = <T extends z.ZodType>(schema: T) => z.output<T> | undefined;

/** Validates an AdminNetworkPolicy, BaselineAdminNetworkPolicy or ClusterNetworkPolicy and adds it to the tree. */
export function loadAdminPolicy(
  kind: AdminPolicyKind,
  apiVersion: string,
  parse: Parse,
  at: ObjectLocation,
  into: TreeCollector,
): void {
  let converted: ConvertedAdminPolicy | undefined;
  if (kind === "AdminNetworkPolicy") {
    const manifest = parse(adminNetworkPolicySchema);
    if (manifest) converted = convertAdminPolicy({ kind, manifest }, apiVersion, at);
  } else if (kind === "BaselineAdminNetworkPolicy") {
    const manifest = parse(baselineAdminNetworkPolicySchema);
    if (manifest) converted = convertAdminPolicy({ kind, manifest }, apiVersion, at);
  } else {
    const manifest = parse(clusterNetworkPolicySchema);
    if (manifest) converted = convertAdminPolicy({ kind, manifest }, apiVersion, at);
  }
  if (!converted) return;
  for (const warning of converted.warnings) into.addDiagnostic(warning);
  into.addAdminPolicy(converted.policy);
}
