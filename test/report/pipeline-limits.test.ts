import { describe, expect, it } from "vitest";
import { buildReview } from "../../src/analysis/review/build.js";
import { inlineComments } from "../../src/github/publish/review-comments.js";
import type { ManifestTree } from "../../src/model/tree.js";
import { renderCheckRun } from "../../src/report/check-run.js";
import { COMMENT_LIMIT, renderComment } from "../../src/report/comment.js";
import { renderChangeExplanation } from "../../src/report/explain-markdown.js";
import { unifiedPatch } from "../github/helpers/line-diff.js";
import { tree } from "../helpers/trees.js";
import { liveAutolinks, markdownProblems } from "./markdown-checks.js";

const review = (base: ManifestTree, head: ManifestTree) =>
  buildReview({ base, head, baseRevision: { label: "base" }, headRevision: { label: "head" } });

/** Strings a hostile author can put in a manifest the loader accepts: names, namespaces, annotations. */
const HOSTILE =
  "@org/team `x` </details> --> <script>alert(1)</script> | [a](javascript:b) #1 A-->B; click A call alert()";

describe("the whole pipeline, manifests to Markdown", () => {
  it("a manifest full of mentions, backticks, HTML and Mermaid syntax cannot ping, inject or break the layout", () => {
    const manifests = `apiVersion: apps/v1
kind: Deployment
metadata: { name: "${HOSTILE}", namespace: "${HOSTILE}" }
spec: { template: { metadata: { labels: { app: web } }, spec: { containers: [{ name: c, image: i }] } } }
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: "${HOSTILE}"
  namespace: "${HOSTILE}"
  annotations: { kubernetes.io/description: "${HOSTILE}" }
spec:
  podSelector: {}
  ingress: [{ from: [{ namespaceSelector: {} }], ports: [{ port: 80 }] }]
---
`;
    const result = review(tree(""), tree(manifests));
    expect(result.closed.length + result.opened.length).toBeGreaterThan(0);
    for (const markdown of [
      renderComment(result),
      renderCheckRun(result).summary,
      renderCheckRun(result).text,
      renderChangeExplanation(result),
    ]) {
      // The hostile text does reach the output (escaped or in code spans)...
      expect(markdown).toContain("alert(1)");
      // ...and, parsed as GitHub parses Markdown, holds no HTML of its own, no live mention,
      // no broken table, fence or <details>.
      expect(markdownProblems(markdown)).toEqual([]);
    }
  });

  it("names, labels and annotations that look like links reach every surface as text that links nothing", () => {
    const site = "www.acme-sso-login.example";
    const manifests = `apiVersion: apps/v1
kind: Deployment
metadata: { name: web, namespace: shop }
spec: { template: { metadata: { labels: { app: "${site}" } }, spec: { containers: [{ name: c, image: i }] } } }
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: ${site}
  namespace: shop
  annotations: { kubernetes.io/description: "Log in at https://${site}/login or mail security@acme.example" }
spec:
  podSelector: { matchLabels: { app: "${site}" } }
  ingress:
    - from: [{ podSelector: { matchLabels: { app: "www.evil.example" } } }, { namespaceSelector: {} }]
      ports: [{ protocol: TCP }]
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: "undocumented.${site}", namespace: shop }
spec: { podSelector: {} }
`;
    const result = review(tree(""), tree(manifests));
    expect(result.findings.some((f) => f.rule === "port-entry-without-port")).toBe(true);
    const changed = [{ path: "manifests.yaml", status: "added", patch: unifiedPatch("", manifests) }];
    // The finding marker is the app's own HTML comment.
    const inline = inlineComments(result, changed).map((c) =>
      c.body.replace(/<!-- netpol-review:finding \w+ -->/, ""),
    );
    expect(inline.length).toBeGreaterThan(0);
    const surfaces = [
      renderComment(result),
      renderCheckRun(result).summary,
      renderCheckRun(result).text,
      renderChangeExplanation(result),
    ];
    for (const markdown of surfaces) expect(markdown).toContain(site);
    for (const markdown of [...surfaces, ...inline]) {
      // Judged as GitHub's renderer would: no autolink, no foreign HTML, mention or broken layout.
      expect(liveAutolinks(markdown)).toEqual([]);
      expect(markdownProblems(markdown)).toEqual([]);
    }
  });

  it("a diff with over 20,000 opened pairs renders a sound comment under GitHub's limit", () => {
    // 150 workloads in 15 namespaces, each namespace first closed to everyone, then opened to
    // one namespace on its own port: no two lines fold into one.
    const namespaces = Array.from({ length: 15 }, (_, i) => `ns${i}`);
    const workloads = namespaces
      .flatMap((ns) =>
        Array.from(
          { length: 10 },
          (_, w) =>
            `apiVersion: v1\nkind: Pod\nmetadata: { name: w${w}, namespace: ${ns}, labels: { app: w${w} } }\nspec: { containers: [{ name: c, image: i }] }\n---\n`,
        ),
      )
      .join("");
    const deny = namespaces
      .map(
        (ns) =>
          `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: { name: deny, namespace: ${ns} }\nspec: { podSelector: {} }\n---\n`,
      )
      .join("");
    const allowAll = namespaces
      .map(
        (ns, i) =>
          `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: { name: open, namespace: ${ns} }\nspec:\n  podSelector: {}\n  ingress: [{ from: [{ namespaceSelector: {} }], ports: [{ port: ${1000 + i} }] }]\n---\n`,
      )
      .join("");
    const result = review(tree(workloads + deny), tree(workloads + deny + allowAll));
    expect(result.stats.openedPairs).toBeGreaterThan(20_000);
    const comment = renderComment(result);
    expect(comment.length).toBeLessThan(COMMENT_LIMIT);
    expect(markdownProblems(comment)).toEqual([]);
  });
});
