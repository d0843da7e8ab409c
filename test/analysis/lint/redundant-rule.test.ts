import { describe, expect, it } from "vitest";
import { APPS, findings, only, yaml } from "./helpers.js";

/** Policy `name` in shop selecting `subject`, with one ingress rule (line 7) from `from` on `ports`. */
const ingress = (name: string, subject: string, from: string, ports: string) => yaml`
  apiVersion: networking.k8s.io/v1
  kind: NetworkPolicy
  metadata: { name: ${name}, namespace: shop }
  spec:
    podSelector: { matchLabels: { ${subject} } }
    ingress:
    - from: [{ podSelector: ${from} }]
      ports: ${ports}
`;

const FROM_WEB = "{ matchLabels: { app: web } }";

describe("redundant-rule", () => {
  it("reports a rule another policy for the same pods already covers, at the rule's line", () => {
    const finding = only("redundant-rule", {
      "apps.yaml": APPS,
      "a.yaml": ingress("a", "app: api", FROM_WEB, "[{ port: 9000 }]"),
      "b.yaml": ingress("b", "app: api", FROM_WEB, "[{ port: 9000 }, { port: 9001 }]"),
    });
    expect(finding).toMatchObject({
      severity: "notice",
      file: "a.yaml",
      line: 7,
      object: "NetworkPolicy shop/a",
    });
    expect(finding.message).toContain(
      "ingress rule 1 allows nothing that other rules do not already allow: for every pod this policy selects, ingress rule 1 of NetworkPolicy shop/b already allows the same traffic",
    );
  });

  it("reports a rule of the same policy that a wider rule covers", () => {
    const policy = yaml`
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: { name: p, namespace: shop }
      spec:
        podSelector: { matchLabels: { app: api } }
        policyTypes: [Egress]
        egress:
        - to: [{ podSelector: { matchLabels: { app: web } } }]
          ports: [{ port: 8080 }]
        - to: [{ podSelector: {} }]
          ports: [{ port: 8000, endPort: 8090 }]
    `;
    const finding = only("redundant-rule", { "apps.yaml": APPS, "p.yaml": policy });
    expect(finding).toMatchObject({ file: "p.yaml", line: 8 });
    expect(finding.message).toContain("egress rule 1 allows nothing");
    expect(finding.message).toContain("egress rule 2 already allows the same traffic");
  });

  it("does not report rules whose peers only happen to coincide in this tree", () => {
    // Every app=web pod has tier=frontend today, but a pod with only app=web would need rule a.
    const files = {
      "apps.yaml": APPS,
      "a.yaml": ingress("a", "app: api", FROM_WEB, "[{ port: 9000 }]"),
      "b.yaml": ingress("b", "app: api", "{ matchLabels: { tier: frontend } }", "[{ port: 9000 }]"),
    };
    expect(findings("redundant-rule", files)).toEqual([]);
  });

  it("does not report rules whose subjects only happen to coincide in this tree", () => {
    // shop/api carries both app=api and tier=backend, but a pod with only one of them needs its own policy.
    const files = {
      "apps.yaml": APPS,
      "a.yaml": ingress("a", "app: api", FROM_WEB, "[{ port: 9000 }]"),
      "b.yaml": ingress("b", "tier: backend", FROM_WEB, "[{ port: 9000 }]"),
    };
    expect(findings("redundant-rule", files)).toEqual([]);
  });

  it("does not report a rule that adds ports", () => {
    const files = {
      "apps.yaml": APPS,
      "a.yaml": ingress("a", "app: api", FROM_WEB, "[{ port: 9000 }, { port: 9001 }]"),
      "b.yaml": ingress("b", "app: api", FROM_WEB, "[{ port: 9000 }]"),
    };
    const found = findings("redundant-rule", files);
    expect(found.map((f) => f.object)).toEqual(["NetworkPolicy shop/b"]);
  });
});

describe("redundant-rule with rules that cover each other", () => {
  it("reports only the later of two identical rules, so deleting what it reports keeps the traffic", () => {
    const found = findings("redundant-rule", {
      "apps.yaml": APPS,
      "a.yaml": ingress("a", "app: api", FROM_WEB, "[{ port: 9000 }]"),
      "b.yaml": ingress("b", "app: api", FROM_WEB, "[{ port: 9000 }]"),
    });
    expect(found.map((f) => `${f.object} ${f.file}:${f.line}`)).toEqual(["NetworkPolicy shop/b b.yaml:7"]);
  });
});
