import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { buildReview } from "../../src/analysis/review/build.js";
import { loadManifests } from "../../src/manifests/load.js";
import { renderCheckRun } from "../../src/report/check-run.js";
import { renderComment } from "../../src/report/comment.js";
import { renderScopedCheckRun } from "../../src/report/scoped-check-run.js";
import { renderScopedComment } from "../../src/report/scoped-comment.js";
import { decideScopedConclusion } from "../../src/report/scoped-verdict.js";
import { reviewScopes, type ScopesReviewInput } from "../../src/scopes/review-scopes.js";
import { config, edited, files, fixture, POD, POLICY } from "./helpers.js";

const revisions = { baseRevision: { label: "main" }, headRevision: { label: "pr" } };

function review(input: Omit<ScopesReviewInput, "baseRevision" | "headRevision" | "config">, value?: unknown) {
  return reviewScopes({ ...revisions, config: config(value), ...input });
}

const reviewed = (r: ReturnType<typeof review>) => r.scopes.filter((s) => s.review).map((s) => s.scope.name);

describe("a change is reviewed in the scopes whose inputs it touched", () => {
  it("a change to one overlay's own file is reviewed in that overlay only", async () => {
    const head = await fixture("overlays");
    const base = edited(head, { "overlays/prod/allow-metrics.yaml": null });
    const r = review({ base, head });
    expect(reviewed(r)).toEqual(["overlays/prod"]);
    expect(r.scopes.find((s) => s.scope.name === "overlays/prod")?.review?.opened).toHaveLength(1);
  });

  it("a change to the base the overlays share is reviewed in every overlay that uses it", async () => {
    const head = await fixture("overlays");
    const policy = head.find((f) => f.path === "base/policy.yaml")?.content as string;
    const base = edited(head, { "base/policy.yaml": policy.replace("port: 8080", "port: 9090") });
    const r = review({ base, head });
    expect(reviewed(r)).toEqual(["overlays/prod", "overlays/staging"]);
  });

  it("an unchanged repository of several scopes reviews none of them", async () => {
    const head = await fixture("overlays");
    expect(reviewed(review({ base: head, head }))).toEqual([]);
  });

  it("a scope that exists only at head is reviewed against nothing", async () => {
    const head = await fixture("overlays");
    const base = edited(head, { "overlays/staging/kustomization.yaml": null });
    const r = review({ base, head });
    expect(reviewed(r)).toEqual(["overlays/staging"]);
    expect(r.scopes.find((s) => s.scope.name === "overlays/staging")?.review?.stats.workloads).toEqual({
      base: 0,
      head: 3,
    });
  });

  it("a repository of one scope is reviewed and rendered exactly as the one-tree review", () => {
    const base = files({ "web.yaml": POD("web"), "api.yaml": POD("api") });
    const head = edited(base, { "policy.yaml": POLICY("api-in", "api") });
    const r = review({ base, head });
    const single = buildReview({ base: loadManifests(base), head: loadManifests(head), ...revisions }, {});
    expect(renderScopedComment(r)).toBe(renderComment(single));
    expect(renderScopedCheckRun(r)).toEqual(renderCheckRun(single));
  });
});

describe("several scopes in the comment and the check", () => {
  it("the headline names each reviewed scope, and untouched scopes are listed once", async () => {
    const head = await fixture("overlays");
    const base = edited(head, { "overlays/prod/allow-metrics.yaml": null });
    const r = review({ base, head });
    const comment = renderScopedComment(r);
    expect(comment.split("\n")[1]).toBe("### netpol-review: overlays/prod: 1 path opened, 0 closed");
    expect(comment).toContain("Not affected by this change: `overlays/staging`.");
    expect(comment).toContain("<summary>overlays/prod (overlays/prod): 1 path opened, 0 closed</summary>");
    const check = renderScopedCheckRun(r);
    expect(check.title).toBe("overlays/prod: 1 path opened, 0 closed");
    expect(check.summary).toContain("## overlays/prod (`overlays/prod`): 1 path opened, 0 closed");
  });

  it("the verdict names the scope a failing reason comes from", async () => {
    const head = await fixture("overlays");
    const base = edited(head, { "overlays/prod/allow-metrics.yaml": null });
    const r = review({ base, head }, { failOn: { openedPaths: true } });
    expect(decideScopedConclusion(r, r.scopes[0]?.config.failOn ?? config().failOn)).toEqual({
      conclusion: "failure",
      reasons: ["in scope overlays/prod: opens 1 network path (`failOn.openedPaths: true`)"],
    });
  });
});

describe("Helm charts in a change", () => {
  it("a change all inside a Helm chart says so in the headline and is neutral, never a green no change", async () => {
    const head = await fixture("helm");
    const template = "charts/api/templates/networkpolicy.yaml";
    const base = edited(head, { [template]: "{{- if false }}\n{{- end }}\n" });
    const r = review({ base, head });
    expect(r.changedCharts).toEqual(["charts/api"]);
    const comment = renderScopedComment(r);
    expect(comment.split("\n")[1]).toBe(
      "### netpol-review: Not analysed: the change is inside Helm chart charts/api, which the review does not render",
    );
    expect(comment).toContain("not analysed: Helm chart charts/api; render it in CI");
    expect(decideScopedConclusion(r, config().failOn).conclusion).toBe("neutral");
  });
});

describe("alternative installs", () => {
  it("files defining the same objects are said once, with the scopes that would separate them, instead of a duplicate per object", async () => {
    const head = await fixture("alternatives");
    const r = review({ base: [], head });
    const findings = r.scopes.flatMap((s) => s.review?.findings ?? []);
    expect(findings.filter((f) => f.rule === "duplicate-policy")).toEqual([]);
    expect(findings.filter((f) => f.message.includes("is defined twice"))).toEqual([]);
    const said = findings.filter((f) => f.rule === "alternative-installs");
    expect(said).toHaveLength(1);
    expect(said[0]?.message).toBe(
      "ha/install.yaml, install.yaml, namespace-install.yaml define the same 3 objects (Deployment argocd/server, NetworkPolicy argocd/default-deny, NetworkPolicy argocd/server-ingress): they look like alternative installs, which a cluster would not apply together, and this review analyses them as one cluster.",
    );
    expect(said[0]?.fix).toBe(
      'Review each install as its own scope in .github/netpol-review.yml, adding to each the other files applied with it: `scopes: [{ name: ha-install, include: ["ha/install.yaml"] }, { name: install, include: ["install.yaml"] }, { name: namespace-install, include: ["namespace-install.yaml"] }]`',
    );
  });

  it("the configuration the finding suggests reviews each install on its own, without the finding", async () => {
    const head = await fixture("alternatives");
    const fix = review({ base: [], head })
      .scopes.flatMap((s) => s.review?.findings ?? [])
      .find((f) => f.rule === "alternative-installs")?.fix as string;
    const suggested = parse(fix.slice(fix.indexOf("`") + 1, fix.lastIndexOf("`")));
    const r = review({ base: [], head }, suggested);
    expect(r.scopes.map((s) => s.scope.name)).toEqual(["ha-install", "install", "namespace-install"]);
    const findings = r.scopes.flatMap((s) => s.review?.findings ?? []);
    expect(
      findings.filter((f) => f.rule === "alternative-installs" || f.rule === "duplicate-policy"),
    ).toEqual([]);
  });

  it("one object defined in two files stays a duplicate-policy finding: a slip, not a layout", () => {
    const head = files({
      "a.yaml": POLICY("web-in", "web"),
      "b.yaml": POLICY("web-in", "web"),
      "web.yaml": POD("web"),
    });
    const findings = review({ base: [], head }).scopes.flatMap((s) => s.review?.findings ?? []);
    expect(findings.filter((f) => f.rule === "duplicate-policy").map((f) => f.file)).toEqual([
      "a.yaml",
      "b.yaml",
    ]);
    expect(findings.filter((f) => f.rule === "alternative-installs")).toEqual([]);
  });

  it("alternative installs already at base are pre-existing", async () => {
    const head = await fixture("alternatives");
    const said = review({ base: head, head })
      .scopes.flatMap((s) => s.review?.findings ?? [])
      .filter((f) => f.rule === "alternative-installs");
    expect(said.map((f) => f.introduced)).toEqual([false]);
  });
});
