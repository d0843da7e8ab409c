import { describe, expect, it } from "vitest";
import { yaml } from "../helpers.js";
import { DEPLOYMENT, diagnosticLines, diagnosticsOf, render } from "./repo.js";

describe("what kustomize cannot render here is said once, at the kustomization's line", () => {
  it("a remote base is one warning naming it, and the local resources are still rendered", () => {
    const result = render("app", {
      "app/kustomization.yaml": yaml`
        resources:
        - github.com/example/platform//base?ref=v1
        - https://example.com/manifests/all.yaml
        - web.yaml
      `,
      "app/web.yaml": DEPLOYMENT,
    });
    expect(diagnosticLines(result)).toEqual([
      "app/kustomization.yaml:2: warning: not rendered: remote base github.com/example/platform//base?ref=v1; the review does not include its objects",
      "app/kustomization.yaml:3: warning: not rendered: remote base https://example.com/manifests/all.yaml; the review does not include its objects",
    ]);
    expect(result.objects.map((o) => o.value.kind)).toEqual(["Deployment"]);
  });

  it("helmCharts, KRM plugins, openapi, crds and configurations are one warning each", () => {
    const result = render("", {
      "kustomization.yaml": yaml`
        resources:
        - web.yaml
        helmCharts:
        - name: redis
          repo: https://charts.example.com
        generators:
        - gen.yaml
        transformers:
        - tr.yaml
        validators:
        - v.yaml
        openapi:
          path: schema.json
        crds:
        - crd.json
        configurations:
        - conf.yaml
      `,
      "web.yaml": DEPLOYMENT,
    });
    expect(diagnosticLines(result).map((line) => line.replace(/: [^:]*$/, ""))).toEqual([
      "kustomization.yaml:3: warning: not rendered: helmCharts",
      "kustomization.yaml:6: warning: not rendered: generators",
      "kustomization.yaml:8: warning: not rendered: transformers",
      "kustomization.yaml:10: warning: not rendered: validators",
      "kustomization.yaml:12: warning: not rendered: openapi",
      "kustomization.yaml:14: warning: not rendered: crds",
      "kustomization.yaml:16: warning: not rendered: configurations",
    ]);
    expect(result.diagnostics[0]?.message).toContain("the review does not include their objects");
    expect(result.objects).toHaveLength(1);
  });

  it("an unknown kustomization field is a warning, as kustomize build rejects it", () => {
    expect(diagnosticsOf("", { "kustomization.yaml": "resources: []\nnamesPrefix: x-\n" })).toEqual([
      "kustomization.yaml:2: warning: unknown kustomization field namesPrefix: kustomize build rejects it; ignored here",
    ]);
  });

  it("a missing local resource is an error at its line", () => {
    const result = render("", {
      "kustomization.yaml": "resources:\n- web.yaml\n- missing.yaml\n",
      "web.yaml": DEPLOYMENT,
    });
    expect(diagnosticLines(result)).toEqual([
      "kustomization.yaml:3: error: missing.yaml: no such file or directory in the repository; not rendered",
    ]);
    expect(result.objects).toHaveLength(1);
  });

  it("a cycle between kustomizations is an error, and each object is rendered once", () => {
    const result = render("a", {
      "a/kustomization.yaml": "resources:\n- ../b\n- a.yaml\n",
      "a/a.yaml": DEPLOYMENT,
      "b/kustomization.yaml": "resources:\n- ../a\n",
    });
    expect(diagnosticLines(result)).toEqual([
      "b/kustomization.yaml:2: error: ../a includes itself (a → b → a); kustomize build fails on this cycle; not rendered again",
    ]);
    expect(result.objects).toHaveLength(1);
  });

  it("a path that leaves the repository is refused", () => {
    expect(
      diagnosticsOf("app", {
        "app/kustomization.yaml": "resources:\n- ../../etc/passwd\n- ../../../base\n",
      }),
    ).toEqual([
      "app/kustomization.yaml:2: error: ../../etc/passwd is outside the repository; not rendered",
      "app/kustomization.yaml:3: error: ../../../base is outside the repository; not rendered",
    ]);
  });

  it("a file outside the kustomization's directory is rendered with a warning (kustomize's load restrictor)", () => {
    const result = render("overlay", {
      "overlay/kustomization.yaml": "resources:\n- ../web.yaml\n",
      "web.yaml": DEPLOYMENT,
    });
    expect(result.objects).toHaveLength(1);
    expect(result.diagnostics[0]).toMatchObject({
      file: "overlay/kustomization.yaml",
      line: 2,
      severity: "warning",
    });
    expect(result.diagnostics[0]?.message).toContain("--load-restrictor LoadRestrictionsNone");
  });

  it("a patch target that matches no resource is a warning at the target's line", () => {
    expect(
      diagnosticsOf("", {
        "kustomization.yaml": yaml`
        resources:
        - web.yaml
        patches:
        - target:
            kind: Deployment
            name: api
          patch: |-
            - op: replace
              path: /spec/replicas
              value: 2
      `,
        "web.yaml": DEPLOYMENT,
      }),
    ).toEqual(["kustomization.yaml:4: warning: patch target matches no resource; patch not applied"]);
  });

  it("a JSON patch that does not apply leaves the resource unchanged, reported at the operation", () => {
    const result = render("", {
      "kustomization.yaml":
        "resources:\n- web.yaml\npatches:\n- path: ops.yaml\n  target:\n    kind: Deployment\n",
      "web.yaml": DEPLOYMENT,
      "ops.yaml":
        "- op: add\n  path: /spec/replicas\n  value: 2\n- op: replace\n  path: /spec/paused\n  value: true\n",
    });
    expect(diagnosticLines(result)).toEqual([
      "ops.yaml:4: error: JSON patch does not apply to Deployment web: replace: spec/paused does not exist; kustomize build fails here; patch not applied",
    ]);
    expect(result.objects[0]?.value.spec).not.toHaveProperty("replicas");
  });

  it("a strategic merge patch for a resource that is not there is an error", () => {
    expect(
      diagnosticsOf("", {
        "kustomization.yaml": "resources:\n- web.yaml\npatches:\n- path: patch.yaml\n",
        "web.yaml": DEPLOYMENT,
        "patch.yaml": "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  replicas: 2\n",
      }),
    ).toEqual([
      "patch.yaml:1: error: strategic merge patch for Deployment api: no resource has its kind, apiVersion, name and namespace; kustomize build fails here; patch not applied",
    ]);
  });

  it("broken YAML in a base is reported at its file:line and the other files still render", () => {
    const result = render("", {
      "kustomization.yaml": "resources:\n- web.yaml\n- broken.yaml\n",
      "web.yaml": DEPLOYMENT,
      "broken.yaml": "apiVersion: v1\nkind: Service\nmetadata:\n  name: [unclosed\n",
    });
    expect(result.diagnostics.map((d) => [d.file, d.severity])).toEqual([["broken.yaml", "error"]]);
    expect(result.objects).toHaveLength(1);
  });

  it("a Component listed in resources and a Kustomization listed in components are errors", () => {
    expect(
      diagnosticsOf("", {
        "kustomization.yaml": "resources:\n- comp\ncomponents:\n- base\n",
        "comp/kustomization.yaml": "apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\n",
        "base/kustomization.yaml": "resources: []\n",
      }),
    ).toEqual([
      "kustomization.yaml:2: error: comp is a kind: Component; list it under components, not resources",
      "kustomization.yaml:4: error: base is a kind: Kustomization; components must be kind: Component",
    ]);
  });

  it("two resources with one id are an error naming both files; the first is kept", () => {
    const result = render("", {
      "kustomization.yaml": "resources:\n- a.yaml\n- b.yaml\n",
      "a.yaml": DEPLOYMENT,
      "b.yaml": DEPLOYMENT,
    });
    expect(diagnosticLines(result)).toEqual([
      "kustomization.yaml:3: error: Deployment web from b.yaml is already included (from a.yaml); kustomize build fails on this conflict; the first is kept",
    ]);
    expect(result.objects.map((o) => o.file)).toEqual(["a.yaml"]);
  });

  it("a directory without a kustomization is an error at the line that lists it", () => {
    expect(
      diagnosticsOf("", {
        "kustomization.yaml": "resources:\n- plain\n",
        "plain/web.yaml": DEPLOYMENT,
      }),
    ).toEqual([
      "kustomization.yaml:2: error: no kustomization file (kustomization.yaml, kustomization.yml, Kustomization) in plain",
    ]);
  });
});

describe("hostile input is a diagnostic, never a stall or a throw", () => {
  it("a target regular expression that could backtrack for ever is refused", () => {
    expect(
      diagnosticsOf("", {
        "kustomization.yaml":
          "resources:\n- web.yaml\npatches:\n- target:\n    name: (a+)+$\n  patch: '[]'\n",
        "web.yaml": DEPLOYMENT,
      }),
    ).toEqual([
      "kustomization.yaml:5: error: (a+)+$ is too complex a regular expression to evaluate safely; patch not applied",
    ]);
  });

  it("a manifest nested deeper than any real one does not make the render throw", () => {
    const deep = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: deep\ndata: ${"[".repeat(20000)}${"]".repeat(20000)}\n`;
    const result = render("", {
      "kustomization.yaml": "resources:\n- deep.yaml\n- web.yaml\n",
      "deep.yaml": deep,
      "web.yaml": DEPLOYMENT,
    });
    expect(result.diagnostics.length).toBeGreaterThan(0);
  });
});

describe("kustomization file names", () => {
  it("kustomization.yml and Kustomization are kustomization files too", () => {
    const result = render("", {
      "kustomization.yml": "resources:\n- a\n",
      "a/Kustomization": "resources:\n- web.yaml\n",
      "a/web.yaml": DEPLOYMENT,
    });
    expect(result.diagnostics).toEqual([]);
    expect(result.inputs).toEqual(["a/Kustomization", "a/web.yaml", "kustomization.yml"]);
  });

  it("a directory with two kustomization files is an error, as kustomize refuses to choose", () => {
    expect(
      diagnosticsOf("", { "kustomization.yaml": "resources: []\n", Kustomization: "resources: []\n" }),
    ).toEqual([
      ".:1: error: several kustomization files in the repository root (kustomization.yaml, Kustomization); kustomize refuses to choose; nothing rendered",
    ]);
  });

  it("a render's inputs are the files it read, not the ones it looked for", () => {
    const result = render("", {
      "kustomization.yaml": "resources:\n- web.yaml\n- gone.yaml\n",
      "web.yaml": DEPLOYMENT,
    });
    expect(result.inputs).toEqual(["kustomization.yaml", "web.yaml"]);
  });
});

describe("inline patches", () => {
  it("broken YAML in an inline patch is reported at its line in the kustomization", () => {
    const result = render("", {
      "kustomization.yaml":
        "resources:\n- web.yaml\npatchesStrategicMerge:\n- |-\n  apiVersion: apps/v1\n  kind: Deployment\n  metadata: {name: web\n",
      "web.yaml": DEPLOYMENT,
    });
    expect(result.diagnostics.map((d) => [d.file, d.severity])).toEqual([["kustomization.yaml", "error"]]);
    expect(result.diagnostics[0]?.line).toBeGreaterThanOrEqual(5);
  });

  it("a patchesStrategicMerge entry is a file path when the file exists, relative to its kustomization", () => {
    const result = render("app", {
      "app/kustomization.yaml": "resources:\n- web.yaml\npatchesStrategicMerge:\n- scale\n",
      "app/web.yaml": DEPLOYMENT,
      "app/scale": "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 4\n",
    });
    expect(result.diagnostics).toEqual([]);
    expect(result.objects[0]?.value.spec).toMatchObject({ replicas: 4 });
  });
});

describe("fields left out without changing reachability are notices", () => {
  it("buildMetadata and imageTags are one notice each", () => {
    const result = render("", {
      "kustomization.yaml": "buildMetadata: [managedByLabel]\nimageTags:\n- name: nginx\n  newTag: '2'\n",
    });
    expect(result.diagnostics.map((d) => [d.line, d.severity])).toEqual([
      [1, "notice"],
      [2, "notice"],
    ]);
  });
});
