import { readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { loadManifests } from "../../src/manifests/load.js";
import { readDirectory } from "../../src/manifests/read-dir.js";
import type { AdminPolicy } from "../../src/model/admin-policy.js";
import { MATCH_ALL, makeSelector } from "../../src/model/selector.js";
import { describeWithPeers, PEER } from "../helpers/peers.js";
import { load, only, onlyDiagnostic, yaml } from "./helpers.js";

const ANP = "apiVersion: policy.networking.k8s.io/v1alpha1\nkind: AdminNetworkPolicy";
const BANP = "apiVersion: policy.networking.k8s.io/v1alpha1\nkind: BaselineAdminNetworkPolicy";
const CNP = "apiVersion: policy.networking.k8s.io/v1alpha2\nkind: ClusterNetworkPolicy";

/** The single admin policy of a file that must load without findings. */
function policy(text: string): AdminPolicy {
  const tree = load(text);
  expect(tree.diagnostics).toEqual([]);
  return only(tree.adminPolicies);
}

/** The message of the single finding a file yields, as `line: message`. */
function problem(text: string): string {
  const tree = load(text);
  const finding = onlyDiagnostic(tree);
  expect(finding.rule).toBe("invalid-manifest");
  return `${finding.line}: ${finding.message}`;
}

describe("AdminNetworkPolicy (v1alpha1)", () => {
  const text = yaml`
    apiVersion: policy.networking.k8s.io/v1alpha1
    kind: AdminNetworkPolicy
    metadata:
      name: pci
      annotations: {kubernetes.io/description: PCI guardrail}
    spec:
      priority: 10
      subject:
        namespaces:
          matchLabels: {pci: "true"}
      ingress:
        - name: allow-api
          action: Allow
          from:
            - pods:
                namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: shop}}
                podSelector: {matchLabels: {app: api}}
          ports:
            - portNumber: {protocol: TCP, port: 8443}
            - namedPort: metrics
            - portRange: {protocol: UDP, start: 5000, end: 6000}
            - portNumber: {port: 80}
        - action: Deny
          from:
            - namespaces: {}
      egress:
        - name: deny-out
          action: Pass
          to:
            - networks: [10.0.0.0/8, "fd00::/8"]
            - nodes: {matchLabels: {role: infra}}
            - domainNames: ["*.example.com"]
  `;

  test("converts to the model with a line for every rule, peer and port", () => {
    expect(policy(text)).toEqual({
      kind: "AdminNetworkPolicy",
      apiVersion: "policy.networking.k8s.io/v1alpha1",
      name: "pci",
      annotations: { "kubernetes.io/description": "PCI guardrail" },
      tier: "Admin",
      priority: 10,
      subject: {
        type: "namespaces",
        namespaceSelector: makeSelector({ pci: "true" }, undefined),
        podSelector: MATCH_ALL,
        line: 8,
      },
      ingress: [
        {
          index: 0,
          name: "allow-api",
          action: "Allow",
          actionAsWritten: "Allow",
          peers: [
            {
              type: "pods",
              namespaceSelector: makeSelector({ "kubernetes.io/metadata.name": "shop" }, undefined),
              podSelector: makeSelector({ app: "api" }, undefined),
              line: 15,
            },
          ],
          ports: [
            { type: "number", protocol: "TCP", port: 8443, line: 19 },
            { type: "named", name: "metrics", line: 20 },
            { type: "range", protocol: "UDP", start: 5000, end: 6000, line: 21 },
            { type: "number", protocol: "TCP", port: 80, line: 22 },
          ],
          line: 12,
        },
        {
          index: 1,
          action: "Deny",
          actionAsWritten: "Deny",
          peers: [{ type: "namespaces", namespaceSelector: MATCH_ALL, podSelector: MATCH_ALL, line: 25 }],
          ports: null,
          line: 23,
        },
      ],
      egress: [
        {
          index: 0,
          name: "deny-out",
          action: "Pass",
          actionAsWritten: "Pass",
          peers: [
            {
              type: "networks",
              cidrs: [
                expect.objectContaining({ text: "10.0.0.0/8", family: 4 }),
                expect.objectContaining({ text: "fd00::/8", family: 6 }),
              ],
              line: 30,
            },
            { type: "nodes", nodeSelector: makeSelector({ role: "infra" }, undefined), line: 31 },
            { type: "domainNames", domainNames: ["*.example.com"], line: 32 },
          ],
          ports: null,
          line: 27,
        },
      ],
      source: { file: "test.yaml", line: 1 },
    });
  });

  test("a pods subject keeps both selectors", () => {
    const p = policy(yaml`
      apiVersion: policy.networking.k8s.io/v1alpha1
      kind: AdminNetworkPolicy
      metadata: {name: p}
      spec:
        priority: 0
        subject:
          pods:
            namespaceSelector: {matchLabels: {team: a}}
            podSelector: {matchExpressions: [{key: app, operator: Exists}]}
    `);
    expect(p.subject).toEqual({
      type: "pods",
      namespaceSelector: makeSelector({ team: "a" }, undefined),
      podSelector: makeSelector(undefined, [{ key: "app", operator: "Exists", values: [] }]),
      line: 6,
    });
    expect(p.ingress).toEqual([]);
    expect(p.egress).toEqual([]);
  });

  test("a pods selector the API requires but the file leaves out is read as {}, with a warning", () => {
    const tree = load(yaml`
      apiVersion: policy.networking.k8s.io/v1alpha1
      kind: AdminNetworkPolicy
      metadata: {name: p}
      spec:
        priority: 1
        subject: {namespaces: {}}
        egress:
          - action: Deny
            to:
              - pods:
                  namespaceSelector: {matchLabels: {team: a}}
    `);
    const peer = only(tree.adminPolicies).egress[0]?.peers[0];
    expect(peer).toMatchObject({ type: "pods", podSelector: MATCH_ALL });
    expect(onlyDiagnostic(tree)).toEqual({
      rule: "invalid-manifest",
      severity: "warning",
      file: "test.yaml",
      line: 10,
      object: "AdminNetworkPolicy p",
      message:
        "spec.egress[0].to[0].pods.podSelector is missing: AdminNetworkPolicy policy.networking.k8s.io/v1alpha1 requires it, so the API server would refuse this object; read as {} (every pod)",
    });
  });

  test("a named port next to a networks peer is kept, with a warning that it matches pods only", () => {
    const tree = load(yaml`
      apiVersion: policy.networking.k8s.io/v1alpha1
      kind: AdminNetworkPolicy
      metadata: {name: p}
      spec:
        priority: 1
        subject: {namespaces: {}}
        egress:
          - action: Allow
            to: [{networks: [192.0.2.0/24]}]
            ports:
              - namedPort: dns
    `);
    expect(only(tree.adminPolicies).egress[0]?.ports).toEqual([{ type: "named", name: "dns", line: 11 }]);
    expect(onlyDiagnostic(tree)).toMatchObject({
      severity: "warning",
      line: 11,
      message:
        'named port "dns" matches pods only, never the networks peer of this rule (which has no named ports)',
    });
  });

  test("the same AdminNetworkPolicy twice keeps the first and warns", () => {
    const one = `${ANP}\nmetadata: {name: same}\nspec: {priority: 1, subject: {namespaces: {}}}\n`;
    const tree = load(`${one}---\n${one}`);
    expect(tree.adminPolicies).toHaveLength(1);
    expect(onlyDiagnostic(tree)).toMatchObject({
      severity: "warning",
      line: 6,
      message:
        "AdminNetworkPolicy same is defined twice; the first definition (test.yaml:1) is used and this one ignored",
    });
  });
});

describe("invalid admin policies are findings at the offending line, and are not loaded", () => {
  const anp = (spec: string) => `${ANP}\nmetadata: {name: p}\nspec:\n${spec}\n`;
  const subject = "  subject: {namespaces: {}}";

  test.each([
    [
      "priority out of range",
      anp(`  priority: 1001\n${subject}`),
      "5: spec.priority: priority 1001 is out of range 0-1000 (a whole number)",
    ],
    ["priority missing", anp(subject), "4: spec.priority: is required but missing"],
    [
      "an unknown action",
      anp(`  priority: 1\n${subject}\n  ingress:\n    - action: Ok\n      from: [{namespaces: {}}]`),
      '8: spec.ingress[0].action: "Ok" is not an action; use Allow, Deny or Pass',
    ],
    [
      "ClusterNetworkPolicy's Accept in an AdminNetworkPolicy",
      anp(`  priority: 1\n${subject}\n  ingress:\n    - action: Accept\n      from: [{namespaces: {}}]`),
      '8: spec.ingress[0].action: "Accept" is not an action; use Allow, Deny or Pass (Accept is ClusterNetworkPolicy\'s word; this kind says Allow)',
    ],
    [
      "a subject with two fields",
      anp("  priority: 1\n  subject: {namespaces: {}, pods: {namespaceSelector: {}, podSelector: {}}}"),
      "6: spec.subject: subject may set only one of namespaces or pods, not namespaces and pods",
    ],
    [
      "an empty subject",
      anp("  priority: 1\n  subject:"),
      "6: spec.subject: subject needs one of namespaces or pods",
    ],
    [
      "a rule without from",
      anp(`  priority: 1\n${subject}\n  ingress:\n    - action: Deny`),
      "8: spec.ingress[0].from: is required but missing",
    ],
    [
      "an empty from",
      anp(`  priority: 1\n${subject}\n  ingress:\n    - action: Deny\n      from: []`),
      "9: spec.ingress[0].from: must list at least one peer",
    ],
    [
      "a peer with no field",
      anp(`  priority: 1\n${subject}\n  egress:\n    - action: Deny\n      to: [{}]`),
      "9: spec.egress[0].to[0]: a peer needs one of namespaces, pods, nodes, networks or domainNames",
    ],
    [
      "networks in an ingress rule",
      anp(
        `  priority: 1\n${subject}\n  ingress:\n    - action: Deny\n      from: [{networks: [10.0.0.0/8]}]`,
      ),
      "9: spec.ingress[0].from[0].networks: networks peers are allowed in egress rules only",
    ],
    [
      "a port with two fields",
      anp(
        `  priority: 1\n${subject}\n  ingress:\n    - action: Deny\n      from: [{namespaces: {}}]\n      ports:\n        - {namedPort: http, portNumber: {port: 80}}`,
      ),
      "11: spec.ingress[0].ports[0]: a port may set only one of portNumber, namedPort or portRange, not portNumber and namedPort",
    ],
    [
      "a port range that runs backwards",
      anp(
        `  priority: 1\n${subject}\n  ingress:\n    - action: Deny\n      from: [{namespaces: {}}]\n      ports:\n        - portRange: {start: 10, end: 1}`,
      ),
      "11: spec.ingress[0].ports[0].portRange.end: end 1 is below start 10",
    ],
    [
      "an invalid CIDR",
      anp(`  priority: 1\n${subject}\n  egress:\n    - action: Deny\n      to: [{networks: [zc00::/8]}]`),
      '9: spec.egress[0].to[0].networks[0]: "zc00::/8" is not a valid CIDR: "zc00::" is not an IPv6 address',
    ],
    [
      "an invalid domain name",
      anp(
        `  priority: 1\n${subject}\n  egress:\n    - action: Allow\n      to: [{domainNames: ["not a name"]}]`,
      ),
      '9: spec.egress[0].to[0].domainNames[0]: "not a name" is not a domain name (like example.com or *.example.com)',
    ],
  ])("%s", (_name, text, expected) => {
    const tree = load(text);
    expect(tree.adminPolicies).toEqual([]);
    expect(problem(text)).toBe(expected);
  });

  test("a BaselineAdminNetworkPolicy must be named default and has no Pass", () => {
    expect(problem(`${BANP}\nmetadata: {name: other}\nspec: {subject: {namespaces: {}}}\n`)).toBe(
      '3: metadata.name: a BaselineAdminNetworkPolicy must be named "default" (the cluster holds only that one), not "other"',
    );
    expect(
      problem(
        `${BANP}\nmetadata: {name: default}\nspec:\n  subject: {namespaces: {}}\n  egress:\n    - action: Pass\n      to: [{namespaces: {}}]\n`,
      ),
    ).toBe('7: spec.egress[0].action: "Pass" is not an action; use Allow or Deny');
  });

  test("a ClusterNetworkPolicy needs a tier and Accept rather than Allow", () => {
    expect(problem(`${CNP}\nmetadata: {name: c}\nspec: {priority: 1, subject: {namespaces: {}}}\n`)).toBe(
      "4: spec.tier: is required but missing; use Admin or Baseline",
    );
    expect(
      problem(
        `${CNP}\nmetadata: {name: c}\nspec:\n  tier: Admin\n  priority: 1\n  subject: {namespaces: {}}\n  ingress:\n    - action: Allow\n      from: [{namespaces: {}}]\n`,
      ),
    ).toBe(
      '9: spec.ingress[0].action: "Allow" is not an action; use Accept, Deny or Pass (Allow is AdminNetworkPolicy\'s word; ClusterNetworkPolicy says Accept)',
    );
  });

  test("a ClusterNetworkPolicy protocol match needs a destination port, and a range must go upwards", () => {
    const cnp = (protocols: string) =>
      `${CNP}\nmetadata: {name: c}\nspec:\n  tier: Baseline\n  priority: 1\n  subject: {namespaces: {}}\n  ingress:\n    - action: Deny\n      from: [{namespaces: {}}]\n      protocols:\n${protocols}\n`;
    expect(problem(cnp("        - tcp: {}"))).toBe(
      "12: spec.ingress[0].protocols[0].tcp: needs destinationPort (the API refuses an empty protocol match)",
    );
    expect(problem(cnp("        - udp: {destinationPort: {range: {start: 53, end: 53}}}"))).toBe(
      "12: spec.ingress[0].protocols[0].udp.destinationPort.range.end: end 53 must be above start 53",
    );
    expect(problem(cnp("        - {tcp: {destinationPort: {number: 1}}, destinationNamedPort: dns}"))).toBe(
      "12: spec.ingress[0].protocols[0]: a protocols entry may set only one of tcp, udp, sctp or destinationNamedPort, not tcp and destinationNamedPort",
    );
  });
});

describe("ClusterNetworkPolicy (v1alpha2, v1beta1)", () => {
  test("converts tier, priority, Accept and protocols", () => {
    const p = policy(yaml`
      apiVersion: policy.networking.k8s.io/v1alpha2
      kind: ClusterNetworkPolicy
      metadata: {name: baseline}
      spec:
        tier: Baseline
        priority: 5
        subject: {pods: {podSelector: {matchLabels: {app: web}}}}
        egress:
          - name: dns
            action: Accept
            to: [{namespaces: {matchLabels: {kubernetes.io/metadata.name: kube-system}}}]
            protocols:
              - udp: {destinationPort: {number: 53}}
              - tcp: {destinationPort: {range: {start: 8000, end: 8080}}}
              - sctp: {destinationPort: {number: 9}}
              - destinationNamedPort: dns
    `);
    expect(p).toMatchObject({ kind: "ClusterNetworkPolicy", tier: "Baseline", priority: 5 });
    // v1alpha2 makes the namespaceSelector of a pods subject optional: {} without a warning.
    expect(p.subject).toMatchObject({ type: "pods", namespaceSelector: MATCH_ALL });
    expect(p.egress[0]).toMatchObject({
      name: "dns",
      action: "Allow",
      actionAsWritten: "Accept",
      line: 9,
      ports: [
        { type: "number", protocol: "UDP", port: 53, line: 13 },
        { type: "range", protocol: "TCP", start: 8000, end: 8080, line: 14 },
        { type: "number", protocol: "SCTP", port: 9, line: 15 },
        { type: "named", name: "dns", line: 16 },
      ],
    });
  });

  test("v1beta1 has the same shape and is read the same way", () => {
    const p = policy(
      "apiVersion: policy.networking.k8s.io/v1beta1\nkind: ClusterNetworkPolicy\nmetadata: {name: c}\nspec: {tier: Admin, priority: 0, subject: {namespaces: {}}}\n",
    );
    expect(p).toMatchObject({ apiVersion: "policy.networking.k8s.io/v1beta1", tier: "Admin", priority: 0 });
  });

  test("a List of admin policies loads every item", () => {
    const tree = load(yaml`
      apiVersion: policy.networking.k8s.io/v1alpha1
      kind: AdminNetworkPolicyList
      items:
        - metadata: {name: a}
          spec: {priority: 1, subject: {namespaces: {}}}
        - metadata: {name: b}
          spec: {priority: 2, subject: {namespaces: {}}}
    `);
    expect(tree.diagnostics).toEqual([]);
    expect(tree.adminPolicies.map((p) => [p.name, p.source.line])).toEqual([
      ["a", 4],
      ["b", 6],
    ]);
  });
});

describeWithPeers("netpol-analyzer's admin policy error cases", () => {
  const TESTS = join(PEER, "tests");

  test("every anp_bad_path and banp_bad_path tree yields a finding about an admin policy", async () => {
    const dirs = readdirSync(TESTS).filter((n) => /^b?anp_bad_path_test_\d+$/.test(n));
    expect(dirs.length).toBe(33);
    for (const dir of dirs) {
      const tree = loadManifests(await readDirectory(join(TESTS, dir)));
      const findings = tree.diagnostics.filter((d) => /AdminNetworkPolicy/.test(d.object ?? ""));
      // Two policies with one priority are legal manifests with an undefined order: lint reports them.
      if (dir === "anp_bad_path_test_1") expect(findings, dir).toEqual([]);
      else expect(findings.length, dir).toBeGreaterThan(0);
    }
  });
});
