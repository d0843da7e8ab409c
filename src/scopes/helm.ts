/**
 * Helm charts among the repository's paths: a directory holding `Chart.yaml` and a `templates/`
 * folder (Helm's chart layout). Their templates are Go templates, not manifests: they are never
 * parsed, and the chart is reported once.
 */
export function helmCharts(paths: readonly string[]): string[] {
  const charts = new Set<string>();
  const all = new Set(paths);
  for (const path of paths) {
    const at = path.lastIndexOf("/templates/");
    const dir = at < 0 ? (path.startsWith("templates/") ? "." : undefined) : path.slice(0, at);
    if (dir !== undefined && all.has(dir === "." ? "Chart.yaml" : `${dir}/Chart.yaml`)) charts.add(dir);
  }
  return [...charts].sort();
}

/** The chart `path` lies in, if any. */
export function chartOf(path: string, charts: readonly string[]): string | undefined {
  return charts.find((dir) => dir === "." || path.startsWith(`${dir}/`));
}

export function helmChartMessage(dir: string): string {
  return `not analysed: Helm chart ${dir}; render it in CI (\`helm template\`) and review the output, or commit the rendered manifests`;
}
