import { buildReview, type ReviewInput } from "../analysis/review/build.js";
import type { Review, ReviewFinding, ReviewOptions, Revision } from "../analysis/review/types.js";
import { reviewOptions } from "../config/review-options.js";
import type { Config } from "../config/schema.js";
import { ParseCache } from "../manifests/parse-cache.js";
import type { SourceFile } from "../manifests/source-file.js";
import type { ManifestTree } from "../model/tree.js";
import {
  type AlternativeInstalls,
  findAlternativeInstalls,
  sayAlternativesOnce,
} from "./alternative-installs.js";
import { changedPaths } from "./changed-paths.js";
import { EMPTY_TREE } from "./empty-tree.js";
import { chartOf } from "./helm.js";
import { loadScope } from "./load-scope.js";
import { isEmptyTree, noManifestsNotice, unanalysedPolicyKinds } from "./notices.js";
import { planSnapshot, type ScopePlan } from "./plan.js";
import { scopeConfig } from "./scope-config.js";
import type { RepositoryNotice, Scope } from "./types.js";

export interface ScopesReviewInput {
  readonly base: readonly SourceFile[];
  readonly head: readonly SourceFile[];
  readonly baseRevision: Revision;
  readonly headRevision: Revision;
  readonly config: Config;
  /** Where the files' root lies in the repository (`deploy/`), for the scopes' globs; `""` at the root. */
  readonly prefix?: string;
  /** Only the scopes that read a file below this directory (`planScopes`). */
  readonly under?: string;
  /** Only this scope (`--scope`), reviewed whether or not the change touched it. */
  readonly scope?: string;
  /** What "No Kubernetes manifest found under …" names; default `the repository root`. */
  readonly where?: string;
}

/** One scope of a change: reviewed when the change touched one of its inputs. */
export interface ScopeReview {
  readonly scope: Scope;
  /** Its review; absent when the change touched none of its inputs, at base or at head. */
  readonly review?: Review;
  /** The trees reviewed (empty on the side where the scope does not exist); absent when not reviewed. */
  readonly base?: ManifestTree;
  readonly head?: ManifestTree;
  /** The configuration as it applies to this scope (its `context` added). */
  readonly config: Config;
}

/** A change reviewed scope by scope, with what the review says about the repository as a whole. */
export interface RepositoryReview {
  readonly base: Revision;
  readonly head: Revision;
  /** Every scope at base or at head, by name. */
  readonly scopes: readonly ScopeReview[];
  readonly notices: readonly RepositoryNotice[];
  /** Helm charts the change touched, which are not analysed. */
  readonly changedCharts: readonly string[];
}

export type BuildReview = (input: ReviewInput, options: ReviewOptions) => Review;

/**
 * The engine-level review of a change, for every surface: each snapshot split into scopes
 * (`planScopes`), and each scope whose inputs the change touched (a base shared by overlays
 * touches each of them) reviewed on its own, base against head. Scopes are matched by name; a
 * scope that exists on one side only is reviewed against nothing. `build` is the one-tree review
 * (`buildReview`; the App's tests pass a fake).
 */
export function reviewScopes(input: ScopesReviewInput, build: BuildReview = buildReview): RepositoryReview {
  const before = planSnapshot(input.base, input);
  const after = planSnapshot(input.head, input);
  // Base and head share most files: each text is parsed once for both sides.
  const cache = new ParseCache();
  const changed = changedPaths(input.base, input.head);
  const all = [...new Set([...after.scopes, ...before.scopes].map((s) => s.name))].sort();
  const names = input.scope === undefined ? all : all.filter((name) => name === input.scope);
  const loadedHeads: ManifestTree[] = [];
  const scopes = names.map((name): ScopeReview => {
    const baseScope = before.scopes.find((s) => s.name === name);
    const headScope = after.scopes.find((s) => s.name === name);
    const scope = (headScope ?? baseScope) as Scope;
    const config = scopeConfig(input.config, scope);
    const inputs = [...(baseScope?.inputs ?? []), ...(headScope?.inputs ?? [])];
    // A repository of one scope is reviewed as a whole, as before scopes existed.
    const affected =
      all.length === 1 ||
      input.scope !== undefined ||
      !baseScope ||
      !headScope ||
      inputs.some((p) => changed.has(p));
    if (!affected) return { scope, config };
    const base = side(before, baseScope, input.base, cache);
    const head = side(after, headScope, input.head, cache);
    loadedHeads.push(head.tree);
    const review = build(
      {
        base: base.tree,
        head: head.tree,
        baseRevision: input.baseRevision,
        headRevision: input.headRevision,
      },
      reviewOptions(config),
    );
    return {
      scope,
      review: withAlternatives(review, base.alternatives, head.alternatives),
      base: base.tree,
      head: head.tree,
      config,
    };
  });
  const changedCharts = [
    ...new Set([...changed].flatMap((p) => chartOf(p, after.charts) ?? chartOf(p, before.charts) ?? [])),
  ];
  const notices = [...after.notices, ...unanalysedPolicyKinds(loadedHeads)];
  if (
    after.scopes.length === 0 ||
    (loadedHeads.length === after.scopes.length && loadedHeads.every(isEmptyTree))
  )
    notices.push(
      noManifestsNotice(input.where ?? "the repository root", input.config.manifests.include, loadedHeads),
    );
  return {
    base: input.baseRevision,
    head: input.headRevision,
    scopes,
    notices,
    changedCharts: changedCharts.sort(),
  };
}

function side(plan: ScopePlan, scope: Scope | undefined, files: readonly SourceFile[], cache: ParseCache) {
  if (!scope) return { tree: EMPTY_TREE, alternatives: [] };
  const tree = loadScope(plan, scope, files, cache);
  return { tree, alternatives: findAlternativeInstalls(tree, scope.name) };
}

/** The review with each set of alternative installs said once. */
function withAlternatives(
  review: Review,
  base: readonly AlternativeInstalls[],
  head: readonly AlternativeInstalls[],
): Review {
  return head.length === 0 ? review : { ...review, findings: markAlternatives(review.findings, base, head) };
}

/**
 * A change's findings with each set of alternative installs at head said once, introduced when
 * base did not have the same set, and the findings that only repeat it left out.
 */
export function markAlternatives(
  findings: readonly ReviewFinding[],
  base: readonly AlternativeInstalls[],
  head: readonly AlternativeInstalls[],
): ReviewFinding[] {
  const known = new Set(base.map((g) => g.files.join("\n")));
  return sayAlternativesOnce(findings, head, (g) => ({
    ...g.finding,
    introduced: !known.has(g.files.join("\n")),
  }));
}
