import picomatch from "picomatch";
import type { Config, ScopeConfig } from "../config/schema.js";
import {
  isKustomizationFile,
  type KustomizeRender,
  renderKustomization,
  repositoryFiles,
} from "../manifests/kustomize/index.js";
import type { SourceFile } from "../manifests/source-file.js";
import { goTemplateLine, goTemplateMessage } from "./go-template.js";
import { chartOf, helmChartMessage, helmCharts } from "./helm.js";
import { commonDir, dirOf, isUnder } from "./paths.js";
import type { RepositoryNotice, Scope } from "./types.js";

/** The scopes of one snapshot of a repository, with what was rendered to find them. */
export interface ScopePlan {
  readonly scopes: readonly Scope[];
  readonly notices: readonly RepositoryNotice[];
  /** Helm chart directories. */
  readonly charts: readonly string[];
  /** Every kustomization of the snapshot rendered, by directory. */
  readonly renders: ReadonlyMap<string, KustomizeRender>;
}

export interface PlanInput {
  /** The manifest files of the snapshot (already filtered by `manifests.include`/`exclude`). */
  readonly files: readonly SourceFile[];
  readonly scopes?: Config["scopes"];
  /** Where the files' root lies in the repository (`deploy/`), for the scopes' globs; `""` at the root. */
  readonly prefix?: string;
  /**
   * Only what concerns this directory (`git-ref:path`): the scopes that read a file below it,
   * and plain manifests below it. Kustomizations still read the whole snapshot.
   */
  readonly under?: string;
}

/** Where a snapshot lies and what the configuration says of its scopes, as every caller has it. */
export interface SnapshotPlace {
  readonly config: Pick<Config, "scopes">;
  readonly prefix?: string | undefined;
  readonly under?: string | undefined;
}

/** `planScopes` of `files` under the configuration's scopes, at `place`. */
export function planSnapshot(files: readonly SourceFile[], place: SnapshotPlace): ScopePlan {
  return planScopes({
    files,
    ...(place.config.scopes ? { scopes: place.config.scopes } : {}),
    ...(place.prefix ? { prefix: place.prefix } : {}),
    ...(place.under !== undefined ? { under: place.under } : {}),
  });
}

/** The name of the scope of manifests outside every kustomization. */
export const PLAIN_SCOPE = "plain";

/**
 * Splits a snapshot into scopes. Without configured scopes: each kustomization that no other
 * kustomization includes is one scope (a cluster variant, such as `overlays/prod`), and every
 * manifest no kustomization reads forms one more, `plain` (cross-directory policies keep working
 * as before). Helm charts are set aside (one notice each), and so are files holding Go template
 * syntax (one notice each), unless a kustomization reads them: what kustomize reads is rendered
 * wherever it sits. Pure: it reads only the given files.
 */
export function planScopes(input: PlanInput): ScopePlan {
  const paths = input.files.map((f) => f.path);
  const charts = helmCharts(paths);
  const repository = repositoryFiles(input.files);
  const renders = new Map<string, KustomizeRender>();
  for (const path of paths)
    if (isKustomizationFile(path)) renders.set(dirOf(path), renderKustomization(dirOf(path), repository));
  const rendered = new Set([...renders.values()].flatMap((r) => r.inputs));
  const notices: RepositoryNotice[] = charts.map((dir) => ({
    rule: "helm-chart",
    message: helmChartMessage(dir),
    file: dir === "." ? "Chart.yaml" : `${dir}/Chart.yaml`,
    line: 1,
  }));
  const plain: string[] = [];
  for (const file of input.files) {
    if (rendered.has(file.path) || isKustomizationFile(file.path) || chartOf(file.path, charts)) continue;
    const line = file.content === null ? undefined : goTemplateLine(file.content);
    if (line === undefined) {
      if (input.under === undefined || isUnder(file.path, input.under)) plain.push(file.path);
    } else
      notices.push({
        rule: "go-template",
        message: goTemplateMessage(file.path, line),
        file: file.path,
        line,
      });
  }
  const all = input.scopes
    ? configuredScopes(input.scopes, { renders, plain, prefix: input.prefix ?? "", notices })
    : discoveredScopes(renders, plain);
  const { under } = input;
  const scopes = under === undefined ? all : all.filter((s) => s.inputs.some((p) => isUnder(p, under)));
  return { scopes, notices, charts, renders };
}

function discoveredScopes(renders: ReadonlyMap<string, KustomizeRender>, plain: readonly string[]): Scope[] {
  const included = new Set<string>();
  for (const [dir, render] of renders)
    for (const input of render.inputs)
      if (isKustomizationFile(input) && dirOf(input) !== dir) included.add(dirOf(input));
  // Named by the map's key (`.` for the repository root), whatever the renderer calls its root.
  const scopes: Scope[] = [...renders]
    .filter(([dir]) => !included.has(dir))
    .map(([dir, render]) => ({
      name: dir,
      root: dir,
      roots: [dir],
      plainFiles: [],
      inputs: [...render.inputs].sort(),
    }));
  if (plain.length > 0) {
    const taken = new Set(scopes.map((s) => s.name));
    let name = PLAIN_SCOPE;
    for (let n = 2; taken.has(name); n++) name = `${PLAIN_SCOPE}-${n}`;
    scopes.push({ name, root: commonDir(plain), roots: [], plainFiles: plain, inputs: [...plain] });
  }
  return scopes.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

function configuredScopes(
  configured: readonly ScopeConfig[],
  known: {
    renders: ReadonlyMap<string, KustomizeRender>;
    plain: readonly string[];
    prefix: string;
    notices: RepositoryNotice[];
  },
): Scope[] {
  const covered = new Set<string>();
  const scopes = configured.map((config): Scope => {
    const roots: string[] = [];
    for (const root of config.roots) {
      const local = withoutPrefix(root, known.prefix);
      if (local !== undefined && known.renders.has(local)) roots.push(local);
      else
        known.notices.push({
          rule: "missing-root",
          message: `scope ${config.name}: no kustomization in ${root} (\`scopes[].roots\`); nothing is rendered for it`,
        });
    }
    const rendered = new Set(roots.flatMap((r) => known.renders.get(r)?.inputs ?? []));
    const include = picomatch([...config.include], { dot: true });
    const exclude = config.exclude.length > 0 ? picomatch([...config.exclude], { dot: true }) : () => false;
    const plainFiles = known.plain.filter((path) => {
      const full = `${known.prefix}${path}`;
      return !rendered.has(path) && include(full) && !exclude(full);
    });
    const inputs = [...new Set([...rendered, ...plainFiles])].sort();
    for (const path of inputs) covered.add(path);
    return {
      name: config.name,
      root: roots.length === 1 && plainFiles.length === 0 ? (roots[0] as string) : commonDir(inputs),
      roots,
      plainFiles,
      inputs,
      ...(config.context ? { context: config.context } : {}),
    };
  });
  const everything = [...known.plain, ...[...known.renders.values()].flatMap((r) => r.inputs)];
  const outside = [...new Set(everything)].filter((p) => !covered.has(p)).sort();
  if (outside.length > 0) {
    const shown = outside.slice(0, 5).join(", ");
    const more = outside.length > 5 ? ` and ${outside.length - 5} more` : "";
    known.notices.push({
      rule: "outside-scopes",
      message: `not reviewed: ${outside.length} manifest file${outside.length === 1 ? " is" : "s are"} in no configured scope (\`scopes\`): ${shown}${more}`,
    });
  }
  return scopes;
}

/** A configured path (from the repository root) relative to the files' root, if inside it. */
function withoutPrefix(path: string, prefix: string): string | undefined {
  if (prefix === "") return path;
  const dir = prefix.replace(/\/$/, "");
  if (path === dir) return ".";
  return path.startsWith(prefix) ? path.slice(prefix.length) : undefined;
}
