import { describe, expect, it } from "vitest";
import { APPS, findings, only, yaml } from "./helpers.js";

/** A policy `shop/p` (or in `namespace`) with the given podSelector line; it starts at line 1. */
const policy = (podSelector: string, namespace = "shop") => yaml`
  apiVersion: networking.k8s.io/v1
  kind: NetworkPolicy
  metadata:
    name: p
    namespace: ${namespace}
  spec:
    podSelector: ${podSelector}
`;

describe("selects-nothing", () => {
  it("reports a podSelector that matches no workload and suggests the closest label", () => {
    const finding = only("selects-nothing", {
      "apps.yaml": APPS,
      "policy.yaml": policy("{ matchLabels: { app: wbe } }"),
    });
    expect(finding).toMatchObject({
      severity: "warning",
      file: "policy.yaml",
      line: 1,
      object: "NetworkPolicy shop/p",
    });
    expect(finding.message).toContain("podSelector app=wbe matches no workload in namespace shop");
    expect(finding.message).toContain("did you mean app=web?");
    expect(finding.fix).toContain("did you mean app=web?");
  });

  it("lists the values a key does carry when no value is a near miss", () => {
    const finding = only("selects-nothing", {
      "apps.yaml": APPS,
      "policy.yaml": policy("{ matchLabels: { tier: web } }"),
    });
    // tier=backend and tier=frontend both exist in shop; neither is a typo of tier=web.
    expect(finding.message).toContain("did you mean tier=backend or tier=frontend?");
  });

  it("names the closest workload when only the combination of labels is missing", () => {
    const finding = only("selects-nothing", {
      "apps.yaml": APPS,
      "policy.yaml": policy("{ matchLabels: { app: web, tier: backend } }"),
    });
    // Each workload meets one of the two requirements; the first by name is shop/api.
    expect(finding.message).toContain("Deployment shop/api matches all but app=web");
  });

  it("does not report a selector that matches a workload", () => {
    expect(
      findings("selects-nothing", {
        "apps.yaml": APPS,
        "policy.yaml": policy("{ matchLabels: { app: web } }"),
      }),
    ).toEqual([]);
  });

  it("does not report podSelector: {}, even in a namespace without workloads", () => {
    expect(findings("selects-nothing", { "apps.yaml": APPS, "policy.yaml": policy("{}", "batch") })).toEqual(
      [],
    );
  });

  it("is only a notice when the namespace has no workload in the repository", () => {
    const finding = only("selects-nothing", {
      "apps.yaml": APPS,
      "policy.yaml": policy("{ matchLabels: { app: worker } }", "batch"),
    });
    expect(finding).toMatchObject({ severity: "notice", file: "policy.yaml", line: 1 });
    expect(finding.message).toContain(
      "namespace batch has no workload in this repository or the cluster context",
    );
  });

  it("counts workloads declared in the cluster context", () => {
    const files = { "apps.yaml": APPS, "policy.yaml": policy("{ matchLabels: { app: worker } }", "batch") };
    const context = {
      namespaces: [],
      workloads: [{ namespace: "batch", name: "worker", labels: { app: "worker" } }],
    };
    expect(findings("selects-nothing", files, { context })).toEqual([]);
  });
});
