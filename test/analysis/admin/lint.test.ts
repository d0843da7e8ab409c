import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { adminMissingDescriptions } from "../../../src/analysis/admin/lint-missing-description.js";
import { adminPriorityConflicts } from "../../../src/analysis/admin/lint-priority-conflict.js";
import { ADMIN_LINT_RULES } from "../../../src/analysis/admin/lint-rules.js";
import { shadowedAdminRules } from "../../../src/analysis/admin/lint-shadowed-rule.js";
import { unanalysablePeers } from "../../../src/analysis/admin/lint-unanalysable-peer.js";
import { selectorsCanOverlap } from "../../../src/analysis/admin/selector-overlap.js";
import { analyseTree } from "../../../src/analysis/cluster.js";
import { DEFAULT_DESCRIPTION_ANNOTATIONS, LintContext } from "../../../src/analysis/lint/context.js";
import { loadManifests } from "../../../src/manifests/load.js";
import { readDirectory } from "../../../src/manifests/read-dir.js";
import type { Finding } from "../../../src/model/finding.js";
import { makeSelector } from "../../../src/model/selector.js";
import type { ManifestTree } from "../../../src/model/tree.js";
import { deployment, tree as loadTree } from "../../helpers/trees.js";

function tree(yaml: string): ManifestTree {
  const t = loadTree(yaml);
  expect(t.diagnostics).toEqual([]);
  return t;
}

const at = (findings: readonly Finding[]) =>
  findings.map((f) => `${f.file}:${f.line} ${f.severity} ${f.object}`);

const DESCRIBED = "annotations: { kubernetes.io/description: why }";

/** `spec` lines are indented by the helper; the object starts on the first line of its text. */
const anp = (
  name: string,
  priority: number,
  spec: string,
  metadata = DESCRIBED,
) => `apiVersion: policy.networking.k8s.io/v1alpha1
kind: AdminNetworkPolicy
metadata: { name: ${name}, ${metadata} }
spec:
  priority: ${priority}
${spec.replace(/^/gm, "  ")}
---
`;

const workloads = `apiVersion: v1
kind: Namespace
metadata: { name: a, labels: { team: blue } }
---
${deployment("a", "web", { app: "web" }, [{ name: "http", containerPort: 8080 }])}${deployment("b", "db", { app: "db" })}`;

describe("admin-priority-conflict", () => {
  it("fires on two policies of one priority whose subjects can overlap, at the later one", () => {
    const t = tree(
      anp(
        "first",
        5,
        "subject: { namespaces: { matchLabels: { team: blue } } }\ningress:\n- action: Deny\n  from: [{ namespaces: {} }]",
      ) +
        anp(
          "second",
          5,
          "subject: { pods: { namespaceSelector: {}, podSelector: { matchLabels: { app: web } } } }\ningress:\n- action: Allow\n  from: [{ namespaces: {} }]",
        ),
    );
    const findings = adminPriorityConflicts(t.adminPolicies);
    expect(at(findings)).toEqual(["manifests.yaml:11 warning AdminNetworkPolicy second"]);
    expect(findings[0]?.message).toBe(
      "AdminNetworkPolicy first and AdminNetworkPolicy second both have priority 5, can select the same pods and both have ingress rules: the order between them is undefined, so a cluster may apply either one first. This analysis evaluates AdminNetworkPolicy first before AdminNetworkPolicy second (equal priorities are ordered by kind, then name).",
    );
  });

  it("does not fire on disjoint subjects, different priorities or rules of different directions", () => {
    const ns = (name: string) =>
      `subject: { namespaces: { matchLabels: { kubernetes.io/metadata.name: ${name} } } }`;
    const rule = (direction: string) =>
      direction === "ingress"
        ? "ingress:\n- action: Deny\n  from: [{ namespaces: {} }]"
        : "egress:\n- action: Deny\n  to: [{ namespaces: {} }]";
    const disjoint = tree(
      anp("a", 5, `${ns("a")}\n${rule("ingress")}`) + anp("b", 5, `${ns("b")}\n${rule("ingress")}`),
    );
    const priorities = tree(
      anp("a", 5, `${ns("a")}\n${rule("ingress")}`) + anp("b", 6, `${ns("a")}\n${rule("ingress")}`),
    );
    const directions = tree(
      anp("a", 5, `${ns("a")}\n${rule("ingress")}`) + anp("b", 5, `${ns("a")}\n${rule("egress")}`),
    );
    for (const t of [disjoint, priorities, directions])
      expect(adminPriorityConflicts(t.adminPolicies)).toEqual([]);
  });

  it("fires on the BaselineAdminNetworkPolicy next to an overlapping Baseline-tier ClusterNetworkPolicy", () => {
    const t = tree(`apiVersion: policy.networking.k8s.io/v1alpha2
kind: ClusterNetworkPolicy
metadata: { name: base, ${DESCRIBED} }
spec:
  tier: Baseline
  priority: 3
  subject: { namespaces: {} }
  egress: [{ action: Deny, to: [{ namespaces: {} }] }]
---
apiVersion: policy.networking.k8s.io/v1alpha1
kind: BaselineAdminNetworkPolicy
metadata: { name: default, ${DESCRIBED} }
spec:
  subject: { namespaces: {} }
  egress: [{ action: Allow, to: [{ namespaces: {} }] }]
`);
    const findings = adminPriorityConflicts(t.adminPolicies);
    expect(at(findings)).toEqual(["manifests.yaml:10 warning BaselineAdminNetworkPolicy default"]);
    expect(findings[0]?.message).toBe(
      "ClusterNetworkPolicy base and BaselineAdminNetworkPolicy default are both in the Baseline tier, where no API orders a BaselineAdminNetworkPolicy against ClusterNetworkPolicies, can select the same pods and both have egress rules: the order between them is undefined, so a cluster may apply either one first. This analysis evaluates ClusterNetworkPolicy base before BaselineAdminNetworkPolicy default (the BaselineAdminNetworkPolicy after every Baseline-tier ClusterNetworkPolicy).",
    );
  });

  it("label selectors overlap exactly when one label set can satisfy both", () => {
    const sel = (labels: Record<string, string>, expr: Parameters<typeof makeSelector>[1] = []) =>
      makeSelector(labels, expr);
    expect(selectorsCanOverlap(sel({ app: "a" }), sel({ tier: "b" }))).toBe(true);
    expect(selectorsCanOverlap(sel({ app: "a" }), sel({ app: "b" }))).toBe(false);
    expect(
      selectorsCanOverlap(sel({}, [{ key: "app", operator: "In", values: ["a", "b"] }]), sel({ app: "b" })),
    ).toBe(true);
    expect(
      selectorsCanOverlap(sel({ app: "a" }), sel({}, [{ key: "app", operator: "NotIn", values: ["a"] }])),
    ).toBe(false);
    expect(
      selectorsCanOverlap(
        sel({}, [{ key: "app", operator: "Exists", values: [] }]),
        sel({}, [{ key: "app", operator: "DoesNotExist", values: [] }]),
      ),
    ).toBe(false);
    expect(
      selectorsCanOverlap(
        sel({}, [{ key: "app", operator: "NotIn", values: ["a"] }]),
        sel({}, [{ key: "app", operator: "DoesNotExist", values: [] }]),
      ),
    ).toBe(true);
  });
});

describe("unanalysable-peer", () => {
  const t = tree(
    anp(
      "p",
      1,
      `subject: { namespaces: {} }
egress:
- name: nodes
  action: Allow
  to:
  - nodes: { matchLabels: { role: infra } }
- name: names
  action: Deny
  to:
  - domainNames: [example.com]
- name: private
  action: Deny
  to:
  - networks: [10.0.0.0/8]
- name: public
  action: Deny
  to:
  - networks: [203.0.113.0/24]`,
    ),
  );
  const findings = unanalysablePeers(t.adminPolicies);

  it("fires at every nodes and domainNames peer, and as a notice at networks that can hold pod IPs", () => {
    expect(at(findings)).toEqual([
      "manifests.yaml:11 warning AdminNetworkPolicy p",
      "manifests.yaml:15 warning AdminNetworkPolicy p",
      "manifests.yaml:19 notice AdminNetworkPolicy p",
    ]);
    expect(findings.map((f) => f.message)).toEqual([
      'Egress rule "nodes" allows traffic to nodes with role=infra, whose IPs the manifests do not contain: the analysis treats this peer as matching nothing, so what the rule does to traffic to those nodes is not shown (node IPs sit inside the external ranges, which are shown as the other rules and tiers decide them).',
      'Egress rule "names" denies traffic to domain names example.com, which resolve to addresses only at run time: the analysis treats this peer as matching nothing, so the external ranges are shown as the other rules and tiers decide them. The API supports domainNames in Allow rules only.',
      'Egress rule "private" names 10.0.0.0/8, which can contain pod IPs: the API matches pod-to-pod traffic against networks too, but pod IPs are not in the manifests, so the analysis applies this peer to addresses outside the cluster only.',
    ]);
  });

  it("does not fire at pod peers or at public networks", () => {
    expect(findings.some((f) => f.line === 23)).toBe(false);
    const pods = tree(
      anp("q", 1, "subject: { namespaces: {} }\negress:\n- action: Deny\n  to: [{ namespaces: {} }]"),
    );
    expect(unanalysablePeers(pods.adminPolicies)).toEqual([]);
  });
});

describe("shadowed-admin-rule", () => {
  it("fires at a rule whose traffic an earlier rule of the same policy decides", () => {
    const t = tree(
      workloads +
        anp(
          "p",
          1,
          "subject: { namespaces: {} }\ningress:\n- name: deny-all\n  action: Deny\n  from: [{ namespaces: {} }]\n- name: allow-a\n  action: Allow\n  from: [{ namespaces: { matchLabels: { team: blue } } }]",
        ),
    );
    const findings = shadowedAdminRules(analyseTree(t));
    expect(at(findings)).toEqual(["manifests.yaml:49 warning AdminNetworkPolicy p"]);
    expect(findings[0]?.message).toBe(
      'Ingress rule "allow-a" never matches any traffic: everything it would match is decided first by the earlier ingress rule "deny-all".',
    );
  });

  it("fires at a rule that a policy of higher precedence, or a NetworkPolicy, decides first", () => {
    const t = tree(
      workloads +
        anp(
          "first",
          1,
          "subject: { namespaces: {} }\negress:\n- name: pass-all\n  action: Pass\n  to: [{ namespaces: {} }]",
        ) +
        anp(
          "second",
          2,
          "subject: { namespaces: {} }\negress:\n- name: deny-web\n  action: Deny\n  to: [{ pods: { namespaceSelector: {}, podSelector: { matchLabels: { app: web } } } }]",
        ),
    );
    const findings = shadowedAdminRules(analyseTree(t));
    expect(findings.map((f) => f.message)).toEqual([
      'Egress rule "deny-web" never matches any traffic: everything it would match is decided first by AdminNetworkPolicy first egress rule "pass-all".',
    ]);
    const isolated = tree(
      `${workloads}apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: all, namespace: a }
spec: { podSelector: {}, policyTypes: [Ingress] }
---
apiVersion: policy.networking.k8s.io/v1alpha1
kind: BaselineAdminNetworkPolicy
metadata: { name: default, ${DESCRIBED} }
spec:
  subject: { namespaces: { matchLabels: { team: blue } } }
  ingress:
  - name: deny
    action: Deny
    from: [{ namespaces: {} }]
`,
    );
    expect(shadowedAdminRules(analyseTree(isolated)).map((f) => f.message)).toEqual([
      'Ingress rule "deny" never matches any traffic: everything it would match is decided first by the NetworkPolicies that select these pods (they decide all traffic that reaches their tier).',
    ]);
  });

  it("does not fire when an earlier rule decides only part of its traffic", () => {
    const t = tree(
      workloads +
        anp(
          "p",
          1,
          "subject: { namespaces: {} }\ningress:\n- action: Deny\n  from: [{ namespaces: {} }]\n  ports: [{ portNumber: { protocol: TCP, port: 80 } }]\n- action: Allow\n  from: [{ namespaces: {} }]",
        ),
    );
    expect(shadowedAdminRules(analyseTree(t))).toEqual([]);
  });
});

describe("missing-description for the admin kinds", () => {
  it("fires at a policy without an accepted annotation, or with an empty one", () => {
    const t = tree(
      anp("bare", 1, "subject: { namespaces: {} }", "labels: {}") +
        anp("empty", 2, "subject: { namespaces: {} }", 'annotations: { netpol-review/description: " " }') +
        anp("fine", 3, "subject: { namespaces: {} }"),
    );
    const findings = adminMissingDescriptions(t.adminPolicies, DEFAULT_DESCRIPTION_ANNOTATIONS);
    expect(at(findings)).toEqual([
      "manifests.yaml:1 warning AdminNetworkPolicy bare",
      "manifests.yaml:8 warning AdminNetworkPolicy empty",
    ]);
    expect(findings[1]?.message).toBe(
      "Its netpol-review/description annotation is empty, and no comment right above it says why this AdminNetworkPolicy exists; it applies to every namespace it selects, and reviewers cannot tell whether the traffic it allows or denies is intended.",
    );
    expect(adminMissingDescriptions(t.adminPolicies, ["team.example/why"])).toHaveLength(3);
  });
});

describe("the example guardrails, linted through src/analysis/lint's rule shape", () => {
  it("report the unanalysable peers and nothing else", async () => {
    const dir = fileURLToPath(new URL("../../fixtures/admin/anp", import.meta.url));
    const analysis = analyseTree(loadManifests(await readDirectory(dir)));
    const context = new LintContext(analysis);
    const findings = ADMIN_LINT_RULES.flatMap((rule) => rule.check(context));
    expect(findings.map((f) => `${f.rule} ${f.file}:${f.line} ${f.severity}`)).toEqual([
      "unanalysable-peer admin-network-policies.yaml:65 notice",
      "unanalysable-peer admin-network-policies.yaml:114 warning",
      "unanalysable-peer admin-network-policies.yaml:123 warning",
    ]);
  });
});
