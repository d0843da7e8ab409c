import type { ManifestTree } from "../model/tree.js";

/** The side of a change where a scope does not exist, or a snapshot with nothing in it. */
export const EMPTY_TREE: ManifestTree = {
  workloads: [],
  policies: [],
  adminPolicies: [],
  namespaces: [],
  services: [],
  diagnostics: [],
  skipped: {},
  files: [],
};
