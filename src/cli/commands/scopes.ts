import { escapeTerminal } from "../../report/escape.js";
import { planSnapshot } from "../../scopes/plan.js";
import { printNotices, readInputs } from "../scoped-input.js";
import type { Command } from "./command.js";

export const scopesCommand: Command = {
  positionals: ["path"],
  formats: ["text", "json"],
  usage: `Usage: netpol-review scopes <path> [--format text|json]

Lists the scopes the review splits <path> into (docs/scopes.md): each kustomization that no other
kustomization includes, the manifests outside every kustomization, or the configuration's
\`scopes:\`. One line per scope: its name, its root and how many files it reads.

Options:
  --config <file>          the configuration (default: .github/netpol-review.yml at the git root)
  -f, --format text|json   output format (default: text)
  -h, --help               show this help`,
  async run(context) {
    const { config, inputs } = await readInputs(context.positionals, context);
    const input = inputs[0] as (typeof inputs)[number];
    const plan = planSnapshot(input.files, { config, prefix: input.prefix, under: input.under });
    if (context.format === "json") {
      const scopes = plan.scopes.map((s) => ({
        name: s.name,
        root: s.root,
        roots: s.roots,
        inputs: s.inputs,
      }));
      context.io.stdout(JSON.stringify({ scopes }, null, 2));
    } else {
      const width = (pick: (s: (typeof plan.scopes)[number]) => string) =>
        Math.max(0, ...plan.scopes.map((s) => pick(s).length));
      const [names, roots] = [width((s) => s.name), width((s) => s.root)];
      for (const s of plan.scopes) {
        const inputs = `${s.inputs.length} input${s.inputs.length === 1 ? "" : "s"}`;
        context.io.stdout(escapeTerminal(`${s.name.padEnd(names)}  ${s.root.padEnd(roots)}  ${inputs}`));
      }
    }
    printNotices(context.io, plan.notices, input.name);
    return 0;
  },
};
