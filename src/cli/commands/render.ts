import { stat } from "node:fs/promises";
import { dirname, join, relative, resolve, sep } from "node:path";
import { renderKustomization } from "../../manifests/kustomize/index.js";
import { readRepository } from "../../manifests/read-repository.js";
import { findingText } from "../../report/finding-text.js";
import { renderedYaml } from "../../report/rendered-yaml.js";
import { type CliIo, EXIT, UsageError } from "../io.js";
import type { Command } from "./command.js";

export const renderCommand: Command = {
  positionals: ["dir"],
  formats: ["text"],
  usage: `Usage: netpol-review render <dir>

Prints what \`kustomize build <dir>\` outputs, computed in-process (nothing is executed or
fetched): the rendered manifests as multi-document YAML in kustomize's output order, keys
sorted as kustomize prints them. What is not rendered (remote bases, Helm charts, plugins) and
every problem go to stderr with file:line. Bases outside <dir> are read from the enclosing git
work tree (or the current directory); nothing outside it is read.

Options:
  -h, --help               show this help

Exit codes: 0 rendered; 1 the kustomization has errors (the rest is still printed); 2 usage error.`,
  async run({ io, positionals }) {
    const dir = resolve(io.cwd, positionals[0] as string);
    if (!(await isDirectory(dir))) throw new UsageError(`${positionals[0]}: not a directory`);
    const root = await repositoryRoot(dir, io.cwd);
    const render = renderKustomization(toPosix(relative(root, dir)), await readRepository(root));
    const yaml = renderedYaml(render.objects.map((o) => o.value));
    if (yaml) io.stdout(yaml);
    return reportRenderDiagnostics(io, render.diagnostics, toPosix(relative(io.cwd, root)));
  },
};

function reportRenderDiagnostics(
  io: CliIo,
  diagnostics: readonly Parameters<typeof findingText>[0][],
  root: string,
): number {
  for (const d of diagnostics) io.stderr(findingText(d, root));
  return diagnostics.some((d) => d.severity === "error") ? EXIT.inputErrors : EXIT.ok;
}

/** The enclosing git work tree, else the current directory when it holds `dir`, else `dir` itself. */
async function repositoryRoot(dir: string, cwd: string): Promise<string> {
  for (let d = dir; ; d = dirname(d)) {
    if (await exists(join(d, ".git"))) return d;
    if (dirname(d) === d) break;
  }
  const inside = relative(resolve(cwd), dir);
  return inside === "" || (!inside.startsWith("..") && !inside.startsWith(sep)) ? resolve(cwd) : dir;
}

function toPosix(path: string): string {
  return path.split(sep).join("/");
}

async function isDirectory(path: string): Promise<boolean> {
  return (await stat(path).catch(() => undefined))?.isDirectory() ?? false;
}

async function exists(path: string): Promise<boolean> {
  return (await stat(path).catch(() => undefined)) !== undefined;
}
