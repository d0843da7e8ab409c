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

  it("suggests a close label key as a typo too", () => {
    const finding = only("selects-nothing", {
      "apps.yaml": APPS,
      "policy.yaml": policy("{ matchLabels: { ap: web } }"),
    });
    expect(finding.severity).toBe("warning");
    expect(finding.message).toContain("did you mean app=web?");
  });

  it("is a notice naming the stand-in when no label is close, never an unrelated label as a suggestion", () => {
    // tier=backend and tier=frontend exist in shop; neither is a typo of tier=web.
    const finding = only("selects-nothing", {
      "apps.yaml": APPS,
      "policy.yaml": policy("{ matchLabels: { tier: web } }"),
    });
    expect(finding.severity).toBe("notice");
    expect(finding.message).toBe(
      "podSelector tier=web selects no workload: no workload of namespace shop carries these labels. The review applies the policy to a stand-in for the pods it names: pods with tier=web in namespace shop, not in the repository.",
    );
    expect(finding.message).not.toContain("did you mean");
  });

  it("is a notice for pods an operator creates from labels no workload of the namespace is close to", () => {
    const finding = only("selects-nothing", {
      "apps.yaml": APPS,
      "policy.yaml": policy("{ matchLabels: { app.kubernetes.io/name: alertmanager } }"),
    });
    expect(finding.severity).toBe("notice");
    expect(finding.message).toContain(
      "pods with app.kubernetes.io/name=alertmanager in namespace shop, not in the repository",
    );
  });

  it("is a notice when only the combination of labels is missing, since no single label is a typo", () => {
    const finding = only("selects-nothing", {
      "apps.yaml": APPS,
      "policy.yaml": policy("{ matchLabels: { app: web, tier: backend } }"),
    });
    expect(finding.severity).toBe("notice");
    expect(finding.message).toContain(
      "pods with app=web, tier=backend in namespace shop, not in the repository",
    );
  });

  it("says a selector whose requirements contradict each other selects no pod at all", () => {
    const finding = only("selects-nothing", {
      "apps.yaml": APPS,
      "policy.yaml": policy(
        "{ matchExpressions: [{ key: app, operator: In, values: [web] }, { key: app, operator: DoesNotExist }] }",
      ),
    });
    expect(finding.severity).toBe("notice");
    expect(finding.message).toContain("its requirements contradict each other");
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
    expect(finding.message).toContain("pods with app=worker in namespace batch, not in the repository");
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
