export const TOOL_USAGE = `netpol-review: review Kubernetes NetworkPolicy changes

Usage:
  netpol-review reach <path> [--scope <name>] [--format text|json]
  netpol-review diff <base> <head> [--scope <name>] [--fail-on <severity>] [--format text|json|markdown]
  netpol-review explain <path> --from <ns>/<name> --to <ns>/<name> [--port <n>[/<proto>]] [--base <path>]
                        [--scope <name>] [--format text|json|markdown]
  netpol-review lint <path> [--base <path>] [--scope <name>] [--fail-on <severity>] [--format text|json]
  netpol-review scopes <path> [--format text|json]
  netpol-review render <dir>
  netpol-review <command> --help

A <path>, <base> or <head> is a manifest file or directory (every *.yaml, *.yml and *.json
below it, and kustomize's Kustomization files) or, inside a git repository, a git ref: the
whole repository at that commit is read without checking anything out (netpol-review diff
origin/main HEAD); <ref>:<dir> keeps the scopes reading files below <dir>.

A repository is reviewed scope by scope (docs/scopes.md): each kustomization that no other
includes, and the manifests outside every kustomization. Every command reads the
configuration the GitHub App reads, .github/netpol-review.yml at the git root (or --config
<file>): manifest globs, scopes, rule severities, description annotations, context, failOn.

Exit codes: 0 success; 1 the input or the configuration has errors (the rest is still
analysed and printed), or lint/diff would fail the check (failOn, --fail-on); 2 usage error.`;
