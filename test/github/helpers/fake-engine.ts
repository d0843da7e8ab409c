import type {
  FlowExplanation,
  PathGroup,
  Review,
  ReviewFinding,
} from "../../../src/analysis/review/types.js";
import type { ReviewEngine } from "../../../src/github/engine.js";
import { loadManifests } from "../../../src/manifests/load.js";
import type { Severity } from "../../../src/model/finding.js";
import { PortSet } from "../../../src/model/port-set.js";
import type { ManifestTree } from "../../../src/model/tree.js";
import { renderScopedCheckRun } from "../../../src/report/scoped-check-run.js";
import { renderScopedComment } from "../../../src/report/scoped-comment.js";
import { reviewScopes } from "../../../src/scopes/review-scopes.js";

export const FAKE_MARKER = "<!-- fake-netpol-review -->";

/**
 * A tiny engine with obvious rules, so that the GitHub tests are about GitHub: each policy added
 * at head opens one path `*` → `<ns>/*` (or, for a policy named `allow-all-egress…`, into
 * `[other pods]`, "any other pod in the cluster"), each removed one closes it; every policy without a
 * `netpol-review/description` annotation is a `missing-description` error at its line; loader
 * diagnostics pass through. Renderers print counts and SHAs.
 */
export function fakeEngine(): ReviewEngine {
  const engine: ReviewEngine = {
    loadManifests,
    // The real scope layer over the fake one-tree review and renderers.
    reviewScopes: (input) => reviewScopes(input, engine.buildReview),
    renderScopedComment: (review, options) => renderScopedComment(review, options, engine.renderComment),
    renderScopedCheckRun: (review, options) => renderScopedCheckRun(review, options, engine.renderCheckRun),
    buildReview: ({ base, head, baseRevision, headRevision }, options) => {
      const baseNames = new Set(base.policies.map((p) => `${p.namespace}/${p.name}`));
      const headNames = new Set(head.policies.map((p) => `${p.namespace}/${p.name}`));
      const opened = head.policies
        .filter((p) => !baseNames.has(`${p.namespace}/${p.name}`))
        .map((p) => group(p.namespace, p.name));
      const closed = base.policies
        .filter((p) => !headNames.has(`${p.namespace}/${p.name}`))
        .map((p) => group(p.namespace, p.name));
      const severity = options.rules?.["missing-description"];
      const keys = options.descriptionAnnotations ?? ["netpol-review/description"];
      const undocumented = (tree: ManifestTree) =>
        tree.policies
          .filter((p) => !keys.some((k) => k in p.annotations))
          .map((p) => `${p.namespace}/${p.name}`);
      const undocumentedAtBase = new Set(undocumented(base));
      const findings: ReviewFinding[] = [];
      if (severity !== "off")
        for (const p of head.policies) {
          if (keys.some((k) => k in p.annotations)) continue;
          findings.push({
            rule: "missing-description",
            severity: (severity ?? "error") as Severity,
            message: `NetworkPolicy ${p.namespace}/${p.name} has no description annotation`,
            object: `NetworkPolicy ${p.namespace}/${p.name}`,
            fix: "add a netpol-review/description annotation",
            file: p.source.file,
            line: p.source.line,
            introduced: !undocumentedAtBase.has(`${p.namespace}/${p.name}`),
          });
        }
      const baseDiagnostics = new Set(base.diagnostics.map((d) => `${d.file}:${d.message}`));
      for (const d of head.diagnostics)
        findings.push({ ...d, introduced: !baseDiagnostics.has(`${d.file}:${d.message}`) });
      return {
        base: baseRevision,
        head: headRevision,
        opened,
        closed,
        findings,
        stats: {
          openedPairs: opened.length,
          closedPairs: closed.length,
          workloads: { base: base.workloads.length, head: head.workloads.length },
          policies: { base: base.policies.length, head: head.policies.length },
        },
      } satisfies Review;
    },
    explainFlowChange: ({ base, head }, query) => {
      const flowIn = (tree: ManifestTree): FlowExplanation | { error: string } => {
        const known = (id: string) => tree.workloads.some((w) => `${w.namespace}/${w.name}` === id);
        if (!known(query.from)) return { error: `no workload ${query.from}` };
        if (!known(query.to)) return { error: `no workload ${query.to}` };
        const allowed = tree.policies.length === 0 ? PortSet.ALL : PortSet.EMPTY;
        const direction = (d: "egress" | "ingress") => ({
          direction: d,
          isolated: tree.policies.length > 0,
          allowed,
          reasons: [],
        });
        return {
          from: query.from,
          to: query.to,
          allowed,
          egress: direction("egress"),
          ingress: direction("ingress"),
        };
      };
      const before = flowIn(base);
      const after = flowIn(head);
      if ("error" in before && "error" in after) return after;
      return {
        base: "error" in before ? null : before,
        head: "error" in after ? null : after,
        changes: { opened: [], closed: [] },
      };
    },
    renderFlowChanges: (changes) =>
      `changes: opened ${changes.opened.length}, closed ${changes.closed.length}`,
    commentMarker: FAKE_MARKER,
    renderComment: (review) =>
      `${FAKE_MARKER}\nopened ${review.opened.length}, closed ${review.closed.length}, findings ${review.findings.length} (${review.base.sha?.slice(0, 7)}..${review.head.sha?.slice(0, 7)})`,
    renderCheckRun: (review) => ({
      title: `${review.opened.length} opened, ${review.closed.length} closed`,
      summary: `base ${review.base.label} ${review.base.sha}, head ${review.head.label} ${review.head.sha}`,
      text: review.findings.map((f) => `${f.rule} ${f.file}:${f.line}`).join("\n"),
      annotations: review.findings
        .filter((f) => f.introduced)
        .map((f) => ({
          path: f.file,
          start_line: f.line,
          end_line: f.line,
          annotation_level:
            f.severity === "error"
              ? ("failure" as const)
              : f.severity === "warning"
                ? ("warning" as const)
                : ("notice" as const),
          message: f.message,
          title: f.rule,
        })),
    }),
    renderChangeExplanation: (review, options) =>
      `explained ${review.opened.length} opened, ${review.closed.length} closed; first link ${options.sourceLink?.({ file: "a.yaml", line: 3, side: "head" })}`,
    renderFlowExplanation: (query, base, head) =>
      `flow ${query.from} -> ${query.to}${query.port ? ` on ${query.port}` : ""}: base ${base ? base.allowed.toString() : "absent"}, head ${head ? head.allowed.toString() : "absent"}`,
  };
  return engine;
}

function group(namespace: string, name: string): PathGroup {
  return {
    src: { kind: "namespace", label: "*/*", endpointIds: ["[other pods]"] },
    dst: name.startsWith("allow-all-egress")
      ? { kind: "endpoint", label: "any other pod in the cluster", endpointIds: ["[other pods]"] }
      : { kind: "namespace", label: `${namespace}/*`, endpointIds: [`${namespace}/web[Deployment]`] },
    ports: PortSet.ALL,
    pairs: 1,
    causes: [],
  };
}
