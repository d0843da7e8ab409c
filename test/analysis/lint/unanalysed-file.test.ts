import { describe, expect, it } from "vitest";
import { analyseTree } from "../../../src/analysis/cluster.js";
import { lintTree } from "../../../src/analysis/lint/index.js";
import { loadManifests } from "../../../src/manifests/load.js";
import { APPS, findings, only } from "./helpers.js";

const LFS =
  "version https://git-lfs.github.com/spec/v1\noid sha256:4d7a214614ab2935c943f9e0ff69d22eadbb8f32b1258daaa5e2ca24d17e2393\nsize 12345\n";

describe("unanalysed-file", () => {
  it("reports a Git LFS pointer among the manifests, naming its object, and reads nothing from it", () => {
    const finding = only("unanalysed-file", { "apps.yaml": APPS, "policies.yaml": LFS });
    expect(finding).toMatchObject({ severity: "warning", file: "policies.yaml", line: 1 });
    expect(finding.message).toBe(
      "not analysed: a Git LFS pointer (object sha256:4d7a214614ab), whose content is stored outside the repository; whatever it changes is missing from this review",
    );
    expect(findings("invalid-manifest", { "apps.yaml": APPS, "policies.yaml": LFS })).toEqual([]);
  });

  it("reports a file its reader marked unreadable (a symbolic link, a submodule) with the reader's reason", () => {
    const tree = loadManifests([
      {
        path: "deploy/link.yaml",
        size: 20,
        content: null,
        unreadable: "a symbolic link (blob 1234567), which the review does not follow",
      },
    ]);
    const found = lintTree(analyseTree(tree));
    expect(found.map((f) => [f.rule, f.file, f.message])).toEqual([
      [
        "unanalysed-file",
        "deploy/link.yaml",
        "not analysed: a symbolic link (blob 1234567), which the review does not follow; whatever it changes is missing from this review",
      ],
    ]);
  });

  it("leaves alone a YAML file that merely mentions git-lfs", () => {
    expect(
      findings("unanalysed-file", { "apps.yaml": APPS, "note.yaml": `# see ${LFS.split("\n")[0]}\n` }),
    ).toEqual([]);
  });
});
