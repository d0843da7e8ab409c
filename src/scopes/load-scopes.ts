import type { Config } from "../config/schema.js";
import type { SourceFile } from "../manifests/source-file.js";
import type { ManifestTree } from "../model/tree.js";
import { type AlternativeInstalls, findAlternativeInstalls } from "./alternative-installs.js";
import { loadScope } from "./load-scope.js";
import { isEmptyTree, noManifestsNotice, unanalysedPolicyKinds } from "./notices.js";
import { planSnapshot } from "./plan.js";
import type { RepositoryNotice, Scope } from "./types.js";

export interface LoadedScope {
  readonly scope: Scope;
  readonly tree: ManifestTree;
  readonly alternatives: readonly AlternativeInstalls[];
}

export interface LoadedSnapshot {
  readonly scopes: readonly LoadedScope[];
  readonly notices: readonly RepositoryNotice[];
}

export interface SnapshotInput {
  readonly files: readonly SourceFile[];
  readonly config: Config;
  /** Where the files' root lies in the repository (`deploy/`); `""` at the root. */
  readonly prefix?: string;
  /** Only the scopes that read a file below this directory (`planScopes`). */
  readonly under?: string;
  /** What to call the snapshot in "No Kubernetes manifest found under …". */
  readonly where: string;
}

/** Every scope of one snapshot loaded (reach, lint, explain), with the repository's notices. */
export function loadScopes(input: SnapshotInput): LoadedSnapshot {
  const plan = planSnapshot(input.files, input);
  const scopes = plan.scopes.map((scope) => {
    const tree = loadScope(plan, scope, input.files);
    return { scope, tree, alternatives: findAlternativeInstalls(tree, scope.name) };
  });
  const trees = scopes.map((s) => s.tree);
  const notices = [...plan.notices, ...unanalysedPolicyKinds(trees)];
  if (trees.every(isEmptyTree))
    notices.push(noManifestsNotice(input.where, input.config.manifests.include, trees));
  return { scopes, notices };
}
