export const TOOL_USAGE = `netpol-review: review Kubernetes NetworkPolicy changes

Usage:
  netpol-review reach <path> [--format text|json]
  netpol-review diff <base> <head> [--format text|json|markdown]
  netpol-review explain <path> --from <ns>/<name> --to <ns>/<name> [--port <n>[/<proto>]] [--base <path>]
                        [--format text|json|markdown]
  netpol-review lint <path> [--base <path>] [--format text|json]
  netpol-review render <dir>
  netpol-review <command> --help

A <path>, <base> or <head> is a manifest file or directory (every *.yaml, *.yml and *.json
below it) or, inside a git repository, a git ref: the tree at that commit is read without
checking anything out (netpol-review diff origin/main HEAD).

Exit codes: 0 success; 1 the input has errors (the rest is still analysed and printed);
2 usage error.`;
