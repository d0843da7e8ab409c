import { describe, expect, it } from "vitest";
import { loadScopes } from "../../src/scopes/load-scopes.js";
import { planScopes } from "../../src/scopes/plan.js";
import { config, files, fixture, KUSTOMIZATION, POD, POLICY } from "./helpers.js";

describe("scopes found in a repository", () => {
  it("each kustomization that no other kustomization includes is a scope; the base they share is not", async () => {
    const plan = planScopes({ files: await fixture("overlays") });
    expect(plan.scopes.map((s) => [s.name, s.root, s.roots])).toEqual([
      ["overlays/prod", "overlays/prod", ["overlays/prod"]],
      ["overlays/staging", "overlays/staging", ["overlays/staging"]],
    ]);
    expect(plan.scopes[0]?.inputs).toEqual([
      "base/kustomization.yaml",
      "base/policy.yaml",
      "base/workloads.yaml",
      "overlays/prod/allow-metrics.yaml",
      "overlays/prod/kustomization.yaml",
    ]);
  });

  it("manifests outside every kustomization form one scope together, beside the kustomizations", () => {
    const plan = planScopes({
      files: files({
        "apps/web.yaml": POD("web"),
        "policies/web.yaml": POLICY("web-in", "web"),
        "kust/kustomization.yaml": KUSTOMIZATION("api.yaml"),
        "kust/api.yaml": POD("api"),
      }),
    });
    expect(plan.scopes.map((s) => [s.name, s.root, s.inputs])).toEqual([
      ["kust", "kust", ["kust/api.yaml", "kust/kustomization.yaml"]],
      ["plain", ".", ["apps/web.yaml", "policies/web.yaml"]],
    ]);
  });

  it("a configured scope combines kustomization roots and plain manifests matched by its globs", async () => {
    const repo = [
      ...(await fixture("overlays")),
      ...files({ "extra/db.yaml": POD("db"), "other/x.yaml": POD("x") }),
    ];
    const plan = planScopes({
      files: repo,
      scopes: config({ scopes: [{ name: "prod", roots: ["overlays/prod/"], include: ["extra/**"] }] }).scopes,
    });
    expect(plan.scopes.map((s) => [s.name, s.roots, s.plainFiles])).toEqual([
      ["prod", ["overlays/prod"], ["extra/db.yaml"]],
    ]);
    // What no configured scope holds is said once, not silently dropped.
    expect(plan.notices.map((n) => n.message)).toEqual([
      "not reviewed: 2 manifest files are in no configured scope (`scopes`): other/x.yaml, overlays/staging/kustomization.yaml",
    ]);
  });

  it("a configured root that holds no kustomization is a notice naming it", () => {
    const plan = planScopes({
      files: files({ "a.yaml": POD("a") }),
      scopes: config({ scopes: [{ name: "prod", roots: ["deploy/prod"], include: ["**"] }] }).scopes,
    });
    expect(plan.notices.map((n) => n.rule)).toEqual(["missing-root"]);
    expect(plan.notices[0]?.message).toContain("deploy/prod");
  });

  it("the configuration refuses a scope without roots or include, and two scopes of one name", () => {
    expect(() => config({ scopes: [{ name: "a" }] })).toThrow(/a scope needs `roots` or `include`/);
    expect(() =>
      config({
        scopes: [
          { name: "a", include: ["x"] },
          { name: "a", include: ["y"] },
        ],
      }),
    ).toThrow(/scope names must be unique/);
  });
});

describe("what is not analysed is said once", () => {
  it("a Helm chart is one notice, and its templates are never parsed", async () => {
    const loaded = loadScopes({ files: await fixture("helm"), config: config(), where: "helm" });
    expect(loaded.notices.filter((n) => n.rule === "helm-chart")).toEqual([
      {
        rule: "helm-chart",
        message:
          "not analysed: Helm chart charts/api; render it in CI (`helm template`) and review the output, or commit the rendered manifests",
        file: "charts/api/Chart.yaml",
        line: 1,
      },
    ]);
    const diagnostics = loaded.scopes.flatMap((s) => s.tree.diagnostics);
    expect(diagnostics).toEqual([]);
    expect(loaded.scopes.flatMap((s) => s.scope.inputs)).toEqual(["apps/web.yaml"]);
  });

  it("a file with Go template syntax outside charts is reported once, at its first template line", async () => {
    const loaded = loadScopes({ files: await fixture("helm"), config: config(), where: "helm" });
    expect(loaded.notices.filter((n) => n.rule === "go-template")).toEqual([
      {
        rule: "go-template",
        message:
          "not analysed: apps/templated.yaml holds Go template syntax (line 5); render it first and review the output",
        file: "apps/templated.yaml",
        line: 5,
      },
    ]);
  });

  it("a file a kustomization lists is rendered even in a directory holding a Helm chart", () => {
    const plan = planScopes({
      files: files({
        "kustomization.yaml": KUSTOMIZATION("chart/rendered.yaml"),
        "chart/Chart.yaml": "apiVersion: v2\nname: x\nversion: 1.0.0\n",
        "chart/templates/a.yaml": "{{ .Values.x }}\n",
        "chart/rendered.yaml": POD("web"),
      }),
    });
    expect(plan.scopes.map((s) => s.inputs)).toEqual([["chart/rendered.yaml", "kustomization.yaml"]]);
  });

  it("network policy kinds the review does not analyse are listed once per kind; other kinds are not", async () => {
    const loaded = loadScopes({
      files: await fixture("unknown-kinds"),
      config: config(),
      where: "unknown-kinds",
    });
    expect(loaded.notices.map((n) => n.message)).toEqual([
      "not analysed: 2 CiliumNetworkPolicy objects; the review covers networking.k8s.io/v1 NetworkPolicy and the policy.networking.k8s.io admin policies",
      "not analysed: 1 NetworkPolicy (projectcalico.org/v3) object; the review covers networking.k8s.io/v1 NetworkPolicy and the policy.networking.k8s.io admin policies",
    ]);
  });

  it("a tree whose only manifest was rejected is not called empty: the error already says why", () => {
    const policy = [
      "apiVersion: networking.k8s.io/v1",
      "kind: NetworkPolicy",
      "metadata: {name: x, namespace: a}",
      "spec:",
      "  podSelector: {matchLabel: {app: x}}",
    ].join("\n");
    const loaded = loadScopes({
      files: [{ path: "np.yaml", size: policy.length, content: policy }],
      config: config(),
      where: "deploy",
    });
    expect(loaded.notices.map((n) => n.rule)).not.toContain("no-manifests");
  });

  it("a tree holding nothing the review analyses says so, with what it looked for and what it read", async () => {
    const loaded = loadScopes({ files: await fixture("nothing"), config: config(), where: "deploy" });
    expect(loaded.notices.map((n) => n.message)).toEqual([
      "No Kubernetes manifest found under deploy (looked for **/*.yaml, **/*.yml, **/*.json, **/Kustomization holding workloads, Services, Namespaces or network policies: 1 file read, holding only ConfigMap)",
    ]);
    const empty = loadScopes({ files: [], config: config(), where: "deploy" });
    expect(empty.notices[0]?.message).toMatch(
      /^No Kubernetes manifest found under deploy \(.*: no manifest file read\)$/,
    );
  });

  it("a remote base is reported as not rendered, and the rest of the kustomization still is", async () => {
    const loaded = loadScopes({ files: await fixture("remote"), config: config(), where: "remote" });
    const [scope] = loaded.scopes;
    expect(scope?.tree.workloads.map((w) => w.name)).toEqual(["web"]);
    expect(scope?.tree.diagnostics.map((d) => d.message)).toEqual([
      expect.stringMatching(/not rendered: remote .*github\.com\/example\/platform\/\/base\?ref=v1\.2\.0/),
    ]);
  });
});
