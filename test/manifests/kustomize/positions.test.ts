import { describe, expect, it } from "vitest";
import {
  addRenderedObjects,
  renderKustomization,
  repositoryFiles,
} from "../../../src/manifests/kustomize/index.js";
import { TreeCollector } from "../../../src/manifests/tree-collector.js";
import { yaml } from "../helpers.js";
import { render, repo } from "./repo.js";

const POLICY = yaml`
  apiVersion: networking.k8s.io/v1
  kind: NetworkPolicy
  metadata:
    name: api
  spec:
    podSelector:
      matchLabels:
        app: api
    ingress:
    - from:
      - podSelector:
          matchLabels:
            app: web
`;

const OVERLAY = {
  "base/kustomization.yaml": "resources:\n- policy.yaml\n",
  "base/policy.yaml": POLICY,
  "prod/kustomization.yaml": yaml`
    namespace: prod
    resources:
    - ../base
    patches:
    - path: open.yaml
  `,
  "prod/open.yaml": policyPatch("  ingress:\n  - from:\n    - namespaceSelector: {}\n"),
};

/** A strategic merge patch of the policy `api`; `spec` starts at line 6. */
function policyPatch(spec: string): string {
  return `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: api\nspec:\n${spec}`;
}

describe("rendered objects keep where each field was written", () => {
  it("an object keeps the file and line of the manifest it came from", () => {
    const [object] = render("prod", OVERLAY).objects;
    expect(object?.file).toBe("base/policy.yaml");
    expect(object?.positions.firstKeyLine([])).toBe(1);
    expect(object?.positions.lineOf(["spec", "podSelector"])).toBe(6);
  });

  it("a field a patch set points at the patch's file and line", () => {
    const [object] = render("prod", OVERLAY).objects;
    expect(object?.positions.refOf?.(["spec", "ingress", 0])).toEqual({ file: "prod/open.yaml", line: 7 });
    expect(object?.positions.refOf?.(["spec", "podSelector", "matchLabels", "app"])).toEqual({
      file: "base/policy.yaml",
      line: 8,
    });
  });

  it("a field a kustomization set points at its kustomization line", () => {
    const [object] = render("prod", OVERLAY).objects;
    expect(object?.positions.refOf?.(["metadata", "namespace"])).toEqual({
      file: "prod/kustomization.yaml",
      line: 1,
    });
  });

  it("lines in the object's own file fall back to the nearest field written there", () => {
    const [object] = render("prod", OVERLAY).objects;
    // spec.ingress was replaced by the patch; in base/policy.yaml the nearest field is `spec`.
    expect(object?.positions.lineOf(["spec", "ingress", 0])).toBe(5);
  });

  it("a field of an inline patch points at its line inside the kustomization", () => {
    const result = render("", {
      "kustomization.yaml": yaml`
        resources:
        - policy.yaml
        patches:
        - target:
            kind: NetworkPolicy
          patch: |-
            - op: add
              path: /spec/policyTypes
              value: [Ingress]
      `,
      "policy.yaml": POLICY,
    });
    expect(result.objects[0]?.positions.refOf?.(["spec", "policyTypes"])).toEqual({
      file: "kustomization.yaml",
      line: 9,
    });
  });
});

describe("addRenderedObjects loads a render as the loader loads files", () => {
  it("a rendered policy is in the tree with its base file and line, and the render's inputs as files", () => {
    const into = new TreeCollector();
    addRenderedObjects(render("prod", OVERLAY), into);
    const tree = into.tree();
    expect(tree.policies).toHaveLength(1);
    expect(tree.policies[0]).toMatchObject({
      namespace: "prod",
      name: "api",
      source: { file: "base/policy.yaml", line: 1 },
    });
    // The model's rule lines are lines of the policy's own file: a rule the patch wrote gets
    // the nearest line written there (`spec:`); diagnostics about it name the patch instead.
    expect(tree.policies[0]?.ingress[0]?.peers).toEqual([
      { type: "pods", namespaceSelector: { requirements: [] }, line: 5 },
    ]);
    expect(tree.files).toEqual([
      "base/kustomization.yaml",
      "base/policy.yaml",
      "prod/kustomization.yaml",
      "prod/open.yaml",
    ]);
  });

  it("a value a patch made invalid is reported at the patch's file:line", () => {
    const files = {
      ...OVERLAY,
      "prod/open.yaml": policyPatch("  policyTypes:\n  - Sideways\n"),
    };
    const into = new TreeCollector();
    addRenderedObjects(render("prod", files), into);
    const errors = into.tree().diagnostics.filter((d) => d.severity === "error");
    expect(errors.map((d) => `${d.file}:${d.line}`)).toEqual(["prod/open.yaml:7"]);
  });
});

/** The snapshot of `files`, counting how often the content of `path` is read. */
function countingReads(files: Readonly<Record<string, string>>, path: string) {
  let count = 0;
  const counted = repo(files).map((file) =>
    file.path === path
      ? {
          path: file.path,
          size: file.size,
          get content() {
            count++;
            return file.content;
          },
        }
      : file,
  );
  return { counted, reads: () => count };
}

describe("a render reads each file once", () => {
  it("a base used by ten overlays is parsed once per render", () => {
    const files: Record<string, string> = {
      "base/kustomization.yaml": "resources:\n- policy.yaml\n",
      "base/policy.yaml": POLICY,
      "kustomization.yaml": `resources:\n${Array.from({ length: 10 }, (_, i) => `- o${i}`).join("\n")}\n`,
    };
    for (let i = 0; i < 10; i++)
      files[`o${i}/kustomization.yaml`] = `namePrefix: o${i}-\nresources:\n- ../base\n`;
    const { counted, reads } = countingReads(files, "base/policy.yaml");
    const result = renderKustomization("", repositoryFiles(counted));
    expect(result.objects).toHaveLength(10);
    const readsForTen = reads();
    renderKustomization("o0", repositoryFiles(counted));
    expect(reads() - readsForTen).toBe(readsForTen);
  });
});

describe("renders of one snapshot share their parses", () => {
  it("a base included by ten kustomization roots is parsed once for the ten renders", () => {
    const files: Record<string, string> = {
      "base/kustomization.yaml": "resources:\n- policy.yaml\n",
      "base/policy.yaml": POLICY,
    };
    for (let i = 0; i < 10; i++)
      files[`o${i}/kustomization.yaml`] = `namespace: o${i}\nresources:\n- ../base\n`;
    const { counted, reads } = countingReads(files, "base/policy.yaml");
    const snapshot = repositoryFiles(counted);
    renderKustomization("o0", snapshot);
    const readsForOne = reads();
    const namespaces = [];
    for (let i = 1; i < 10; i++)
      namespaces.push(renderKustomization(`o${i}`, snapshot).objects[0]?.value.metadata);
    expect(reads()).toBe(readsForOne);
    expect(namespaces.map((m) => (m as { namespace: string }).namespace)).toEqual([
      "o1",
      "o2",
      "o3",
      "o4",
      "o5",
      "o6",
      "o7",
      "o8",
      "o9",
    ]);
  });

  it("each render reports the problems of the files it reads, even when parsed before", () => {
    const snapshot = repositoryFiles(
      repo({
        "a/kustomization.yaml": "resources:\n- ../broken.yaml\n",
        "b/kustomization.yaml": "resources:\n- ../broken.yaml\n",
        "broken.yaml": "kind: [\n",
      }),
    );
    const errors = (root: string) =>
      renderKustomization(root, snapshot).diagnostics.filter((d) => d.file === "broken.yaml").length;
    expect(errors("a")).toBeGreaterThan(0);
    expect(errors("b")).toBe(errors("a"));
  });
});
