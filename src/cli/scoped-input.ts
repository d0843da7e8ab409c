import type { ReviewOptions } from "../analysis/review/types.js";
import { reviewOptions } from "../config/review-options.js";
import type { Config } from "../config/schema.js";
import type { ManifestTree } from "../model/tree.js";
import { escapeTerminal } from "../report/escape.js";
import { noticeText } from "../report/notice-text.js";
import type { AlternativeInstalls } from "../scopes/alternative-installs.js";
import { EMPTY_TREE } from "../scopes/empty-tree.js";
import { loadScopes } from "../scopes/load-scopes.js";
import { PLAIN_SCOPE } from "../scopes/plan.js";
import { scopeConfig } from "../scopes/scope-config.js";
import type { RepositoryNotice, Scope } from "../scopes/types.js";
import { loadCliConfig } from "./cli-config.js";
import type { CommandContext } from "./commands/command.js";
import { type CliIo, UsageError } from "./io.js";
import { type LoadedInput, locateInput } from "./load-input.js";

/** One scope of one input, loaded, with the engine options the configuration gives it. */
export interface CliScope {
  readonly scope: Scope;
  readonly tree: ManifestTree;
  readonly alternatives: readonly AlternativeInstalls[];
  readonly config: Config;
  readonly options: ReviewOptions;
}

/**
 * Reads the command's inputs under one configuration: the one found for the last of them (the
 * head of a diff), as the check reads one configuration for both sides.
 */
export async function readInputs(
  args: readonly string[],
  { io, options }: Pick<CommandContext, "io" | "options">,
): Promise<{ config: Config; inputs: LoadedInput[] }> {
  const located = await Promise.all(args.map((arg) => locateInput(arg, io.cwd)));
  const last = located[located.length - 1];
  const config = await loadCliConfig(
    { config: options.config, failOn: options["fail-on"] },
    last?.configRoot,
    io.cwd,
  );
  return { config, inputs: await Promise.all(located.map((l) => l.read(config))) };
}

/** The input's scopes (only `--scope`, when given), and what it says about the repository. */
export function scopesOf(
  input: LoadedInput,
  config: Config,
  only: string | boolean | undefined,
): { scopes: CliScope[]; notices: readonly RepositoryNotice[] } {
  const loaded = loadScopes({
    files: input.files,
    config,
    prefix: input.prefix,
    ...(input.under !== undefined ? { under: input.under } : {}),
    where: input.label,
  });
  const all = loaded.scopes.map((s) => {
    const applied = scopeConfig(config, s.scope);
    return { ...s, config: applied, options: reviewOptions(applied) };
  });
  if (all.length === 0) {
    const scope = { name: PLAIN_SCOPE, root: ".", roots: [], plainFiles: [], inputs: [] };
    all.push({ scope, tree: EMPTY_TREE, alternatives: [], config, options: reviewOptions(config) });
  }
  return { scopes: selectScope(all, only, input.label), notices: loaded.notices };
}

/** `--scope <name>`: that scope only; an unknown name is a usage error listing the scopes. */
export function selectScope<T extends { readonly scope: Scope }>(
  scopes: readonly T[],
  only: string | boolean | undefined,
  where: string,
): T[] {
  if (typeof only !== "string") return [...scopes];
  const found = scopes.filter((s) => s.scope.name === only);
  if (found.length === 0)
    throw new UsageError(
      `--scope ${only}: no such scope in ${where}; its scopes are ${scopes.map((s) => s.scope.name).join(", ") || "none"} (netpol-review scopes ${where})`,
    );
  return found;
}

export function printNotices(io: CliIo, notices: readonly RepositoryNotice[], name: string): void {
  for (const notice of notices) io.stderr(noticeText(notice, name));
}

/** One scope prints the contract object exactly; several print `{"scopes": [{name, root, ...}]}`. */
export function scopedJson(items: readonly { scope: Scope; value: object }[], several: object = {}): string {
  const only = items.length === 1 ? items[0] : undefined;
  const json = only
    ? only.value
    : {
        scopes: items.map(({ scope, value }) => ({ name: scope.name, root: scope.root, ...value })),
        ...several,
      };
  return JSON.stringify(json, null, 2);
}

/** One scope prints as before; several get a `# scope <name> (<root>)` line each. */
export function scopedText(items: readonly { scope: Scope; text: string }[]): string {
  if (items.length === 1) return (items[0] as (typeof items)[number]).text;
  return items
    .map(
      ({ scope, text }) =>
        `${escapeTerminal(`# scope ${scope.name} (${scope.root})`)}${text ? `\n${text}` : ""}`,
    )
    .join("\n\n");
}
