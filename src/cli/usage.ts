export const TOOL_USAGE = `netpol-review: review Kubernetes NetworkPolicy changes

Usage:
  netpol-review reach <path> [--format text|json]
  netpol-review diff <base> <head> [--format text|json]
  netpol-review <command> --help

A <path>, <base> or <head> is a manifest file or directory (every *.yaml, *.yml and *.json
below it) or, inside a git repository, a git ref: the tree at that commit is read without
checking anything out (netpol-review diff origin/main HEAD).

Exit codes: 0 success; 1 the input has errors (the rest is still analysed and printed);
2 usage error.`;

export const COMMAND_USAGE: Readonly<Record<string, string>> = {
  reach: `Usage: netpol-review reach <path> [--format text|json]

Prints every pair of endpoints with allowed traffic and the ports allowed: workloads, pods
known only from policy selectors, any other pod in the cluster, and external address ranges.

Options:
  -f, --format text|json   output format (default: text)
  -h, --help               show this help`,
  diff: `Usage: netpol-review diff <base> <head> [--format text|json]

Prints the paths the change from <base> to <head> opens and closes: pairs allowed at head and
not at base (opened, with the newly allowed ports) and the reverse (closed).

Options:
  -f, --format text|json   output format (default: text)
  -h, --help               show this help`,
};
