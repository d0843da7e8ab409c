import { describe, expect, it } from "vitest";
import type { ManifestTree } from "../../../src/model/tree.js";
import { allowed, connections, deployment, tree as loadTree } from "../../helpers/trees.js";

const WEB = "a/web[Deployment]";
const API = "a/api[Deployment]";
const DB = "b/db[Deployment]";

/** Two namespaces, three workloads; `a` carries team=blue, `b` team=green. */
const base = `
apiVersion: v1
kind: Namespace
metadata: { name: a, labels: { team: blue } }
---
apiVersion: v1
kind: Namespace
metadata: { name: b, labels: { team: green } }
---
${deployment("a", "web", { app: "web" }, [{ name: "http", containerPort: 8080 }])}
${deployment("a", "api", { app: "api" }, [
  { name: "http", containerPort: 9000 },
  { name: "dns", containerPort: 5353, protocol: "UDP" },
])}
${deployment("b", "db", { app: "db" }, [{ name: "pg", containerPort: 5432 }])}
`;

/** Loads inline YAML and insists that every object of it is valid. */
function tree(yaml: string): ManifestTree {
  const t = loadTree(yaml);
  expect(t.diagnostics).toEqual([]);
  return t;
}

const indent = (text: string, by = "  ") => text.replace(/^/gm, by);

const anp = (name: string, priority: number, spec: string) => `
apiVersion: policy.networking.k8s.io/v1alpha1
kind: AdminNetworkPolicy
metadata: { name: ${name} }
spec:
  priority: ${priority}
${indent(spec)}
---
`;

const banp = (spec: string) => `
apiVersion: policy.networking.k8s.io/v1alpha1
kind: BaselineAdminNetworkPolicy
metadata: { name: default }
spec:
${indent(spec)}
---
`;

const cnp = (name: string, tier: "Admin" | "Baseline", priority: number, spec: string) => `
apiVersion: policy.networking.k8s.io/v1alpha2
kind: ClusterNetworkPolicy
metadata: { name: ${name} }
spec:
  tier: ${tier}
  priority: ${priority}
${indent(spec)}
---
`;

const networkPolicy = (namespace: string, name: string, spec: string) => `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: ${name}, namespace: ${namespace} }
spec:
${indent(spec)}
---
`;

/** Subject: pods app=api in every namespace. */
const API_SUBJECT =
  "subject: { pods: { namespaceSelector: {}, podSelector: { matchLabels: { app: api } } } }";
/** A peer: every pod of namespace `a`. */
const FROM_A = "from: [{ namespaces: { matchLabels: { kubernetes.io/metadata.name: a } } }]";
const FROM_ALL = "from: [{ namespaces: {} }]";

describe("the Admin tier", () => {
  it("an Allow rule allows even what a NetworkPolicy denies", () => {
    const t = tree(
      base +
        networkPolicy("a", "deny", "podSelector: { matchLabels: { app: api } }\npolicyTypes: [Ingress]") +
        anp("allow", 1, `${API_SUBJECT}\ningress:\n- action: Allow\n  ${FROM_A}`),
    );
    expect(allowed(t, WEB, API)).toBe("All Connections");
    expect(allowed(t, DB, API)).toBe("No Connections");
  });

  it("a Deny rule denies even what a NetworkPolicy allows", () => {
    const t = tree(
      base +
        networkPolicy("a", "allow", "podSelector: { matchLabels: { app: api } }\ningress:\n- {}") +
        anp("deny", 1, `${API_SUBJECT}\ningress:\n- action: Deny\n  ${FROM_A}`),
    );
    expect(allowed(t, WEB, API)).toBe("No Connections");
    expect(allowed(t, DB, API)).toBe("All Connections");
  });

  it("policies are evaluated by ascending priority: the lower number decides first", () => {
    const deny = (p: number) => anp("deny", p, `${API_SUBJECT}\ningress:\n- action: Deny\n  ${FROM_A}`);
    const allow = (p: number) => anp("allow", p, `${API_SUBJECT}\ningress:\n- action: Allow\n  ${FROM_A}`);
    expect(allowed(tree(base + deny(5) + allow(10)), WEB, API)).toBe("No Connections");
    expect(allowed(tree(base + deny(10) + allow(5)), WEB, API)).toBe("All Connections");
  });

  it("within a policy, rules are evaluated in order: the first rule that matches decides", () => {
    const rules = (first: string, second: string) =>
      tree(
        base +
          anp(
            "p",
            1,
            `${API_SUBJECT}\ningress:\n- action: ${first}\n  ${FROM_A}\n- action: ${second}\n  ${FROM_ALL}`,
          ),
      );
    expect(allowed(rules("Allow", "Deny"), WEB, API)).toBe("All Connections");
    expect(allowed(rules("Allow", "Deny"), DB, API)).toBe("No Connections");
    expect(allowed(rules("Deny", "Allow"), WEB, API)).toBe("No Connections");
    expect(allowed(rules("Deny", "Allow"), DB, API)).toBe("All Connections");
  });

  it("decisions are per port: a rule decides only the ports it names, the rest goes on", () => {
    const t = tree(
      base +
        anp(
          "p",
          1,
          `${API_SUBJECT}\ningress:\n- action: Allow\n  ${FROM_A}\n  ports: [{ portNumber: { protocol: TCP, port: 9000 } }]\n- action: Deny\n  ${FROM_ALL}\n  ports: [{ portRange: { protocol: TCP, start: 1, end: 10000 } }]`,
        ),
    );
    expect(allowed(t, WEB, API)).toBe("SCTP 1-65535,TCP 9000,10001-65535,UDP 1-65535");
  });

  it("Pass skips the remaining admin rules and policies and hands the traffic to NetworkPolicy", () => {
    const t = tree(
      base +
        networkPolicy(
          "a",
          "api-from-web",
          "podSelector: { matchLabels: { app: api } }\ningress:\n- ports: [{ port: 9000 }]",
        ) +
        anp("pass", 1, `${API_SUBJECT}\ningress:\n- action: Pass\n  ${FROM_A}`) +
        anp("deny", 2, `${API_SUBJECT}\ningress:\n- action: Deny\n  ${FROM_ALL}`),
    );
    expect(allowed(t, WEB, API)).toBe("TCP 9000");
    expect(allowed(t, DB, API)).toBe("No Connections");
  });

  it("Pass goes on to the Baseline tier when no NetworkPolicy selects the pod", () => {
    const t = tree(
      base +
        anp("pass", 1, `${API_SUBJECT}\ningress:\n- action: Pass\n  ${FROM_ALL}`) +
        banp(`${API_SUBJECT}\ningress:\n- action: Deny\n  ${FROM_A}`),
    );
    expect(allowed(t, WEB, API)).toBe("No Connections");
    expect(allowed(t, DB, API)).toBe("All Connections");
  });

  it("equal priorities are ordered by kind (AdminNetworkPolicy first), then by name", () => {
    const t = tree(
      base +
        anp("b-deny", 3, `${API_SUBJECT}\ningress:\n- action: Deny\n  ${FROM_A}`) +
        anp("a-allow", 3, `${API_SUBJECT}\ningress:\n- action: Allow\n  ${FROM_A}`) +
        cnp("0-deny", "Admin", 3, `${API_SUBJECT}\ningress:\n- action: Deny\n  ${FROM_ALL}`),
    );
    expect(allowed(t, WEB, API)).toBe("All Connections");
    expect(allowed(t, DB, API)).toBe("No Connections");
  });
});

describe("NetworkPolicy between the tiers", () => {
  it("a NetworkPolicy that selects the pod decides everything the Admin tier passed or left alone", () => {
    const t = tree(
      base +
        networkPolicy(
          "a",
          "api",
          "podSelector: { matchLabels: { app: api } }\ningress:\n- ports: [{ port: 9000 }]",
        ) +
        banp(`${API_SUBJECT}\ningress:\n- action: Allow\n  ${FROM_ALL}`),
    );
    expect(allowed(t, WEB, API)).toBe("TCP 9000");
    expect(allowed(t, DB, API)).toBe("TCP 9000");
  });

  it("isolation is per direction: a NetworkPolicy for ingress leaves egress to the Baseline tier", () => {
    const t = tree(
      base +
        networkPolicy(
          "a",
          "api",
          "podSelector: { matchLabels: { app: api } }\npolicyTypes: [Ingress]\ningress:\n- {}",
        ) +
        banp(`${API_SUBJECT}\negress:\n- action: Deny\n  to: [{ namespaces: {} }]`),
    );
    expect(allowed(t, WEB, API)).toBe("All Connections");
    expect(allowed(t, API, WEB)).toBe("No Connections");
  });
});

describe("the Baseline tier", () => {
  it("a BaselineAdminNetworkPolicy Deny denies what no NetworkPolicy selects", () => {
    const t = tree(base + banp(`${API_SUBJECT}\ningress:\n- action: Deny\n  ${FROM_A}`));
    expect(allowed(t, WEB, API)).toBe("No Connections");
    expect(allowed(t, DB, API)).toBe("All Connections");
  });

  it("its rules are evaluated in order: the first match decides", () => {
    const t = tree(
      base +
        banp(
          `${API_SUBJECT}\ningress:\n- action: Allow\n  ${FROM_A}\n  ports: [{ namedPort: http }]\n- action: Deny\n  ${FROM_ALL}`,
        ),
    );
    expect(allowed(t, WEB, API)).toBe("TCP 9000");
    expect(allowed(t, DB, API)).toBe("No Connections");
  });

  it("Baseline-tier ClusterNetworkPolicies go by priority; a Pass there ends in the default allow", () => {
    const t = tree(
      base +
        cnp("deny", "Baseline", 20, `${API_SUBJECT}\ningress:\n- action: Deny\n  ${FROM_ALL}`) +
        cnp("pass", "Baseline", 10, `${API_SUBJECT}\ningress:\n- action: Pass\n  ${FROM_A}`),
    );
    expect(allowed(t, WEB, API)).toBe("All Connections");
    expect(allowed(t, DB, API)).toBe("No Connections");
  });
});

describe("what the tiers do not do", () => {
  it("with no rule matching, the default allow applies", () => {
    const t = tree(
      base +
        anp(
          "p",
          1,
          `${API_SUBJECT}\ningress:\n- action: Deny\n  from: [{ namespaces: { matchLabels: { team: red } } }]`,
        ),
    );
    expect(allowed(t, WEB, API)).toBe("All Connections");
  });

  it("being an admin policy's subject does not isolate a pod", () => {
    const t = tree(base + anp("p", 1, `${API_SUBJECT}\ningress: []\negress: []`));
    expect(connections(t)).toEqual(connections(tree(base)));
  });

  it("a connection needs both the source's egress and the destination's ingress", () => {
    const t = tree(
      base +
        anp(
          "web-out",
          1,
          "subject: { namespaces: {} }\negress:\n- action: Deny\n  to: [{ pods: { namespaceSelector: {}, podSelector: { matchLabels: { app: db } } } }]",
        ) +
        anp("api-in", 2, `${API_SUBJECT}\ningress:\n- action: Deny\n  ${FROM_A}`),
    );
    expect(allowed(t, WEB, DB)).toBe("No Connections");
    expect(allowed(t, DB, WEB)).toBe("All Connections");
    expect(allowed(t, WEB, API)).toBe("No Connections");
    expect(allowed(t, API, WEB)).toBe("All Connections");
  });

  it("an egress Allow at the source does not override the destination's ingress", () => {
    const t = tree(
      base +
        networkPolicy("b", "db", "podSelector: {}\npolicyTypes: [Ingress]") +
        anp("out", 1, "subject: { namespaces: {} }\negress:\n- action: Allow\n  to: [{ namespaces: {} }]"),
    );
    expect(allowed(t, WEB, DB)).toBe("No Connections");
  });
});

describe("subjects, peers and ports", () => {
  it("a namespaces subject selects every pod of the matching namespaces", () => {
    const t = tree(
      base +
        anp(
          "p",
          1,
          "subject: { namespaces: { matchLabels: { team: green } } }\ningress:\n- action: Deny\n  from: [{ namespaces: {} }]",
        ),
    );
    expect(allowed(t, WEB, DB)).toBe("No Connections");
    expect(allowed(t, DB, WEB)).toBe("All Connections");
  });

  it("a pods peer selects the intersection of its namespace and pod selectors", () => {
    const t = tree(
      base +
        anp(
          "p",
          1,
          `${API_SUBJECT}\ningress:\n- action: Deny\n  from: [{ pods: { namespaceSelector: { matchLabels: { team: blue } }, podSelector: { matchLabels: { app: web } } } }]`,
        ),
    );
    expect(allowed(t, WEB, API)).toBe("No Connections");
    expect(allowed(t, DB, API)).toBe("All Connections");
  });

  it("a named port resolves on the destination pod, whatever its protocol", () => {
    const t = tree(
      base +
        anp(
          "p",
          1,
          `${API_SUBJECT}\ningress:\n- action: Allow\n  ${FROM_ALL}\n  ports: [{ namedPort: dns }]\n- action: Deny\n  ${FROM_ALL}`,
        ),
    );
    expect(allowed(t, WEB, API)).toBe("UDP 5353");
  });

  it("networks peers cut the external address space and match addresses outside the cluster only", () => {
    const t = tree(
      base +
        anp(
          "p",
          1,
          "subject: { namespaces: {} }\negress:\n- action: Deny\n  to: [{ networks: [10.0.0.0/8, 0.0.0.0/0] }]\n  ports: [{ portNumber: { protocol: TCP, port: 443 } }]",
        ),
    );
    expect(allowed(t, WEB, "10.0.0.0/8")).toBe("SCTP 1-65535,TCP 1-442,444-65535,UDP 1-65535");
    expect(allowed(t, WEB, "0.0.0.0-9.255.255.255")).toBe("SCTP 1-65535,TCP 1-442,444-65535,UDP 1-65535");
    expect(allowed(t, WEB, "::/0")).toBe("All Connections");
    expect(allowed(t, WEB, API)).toBe("All Connections");
  });

  it("ingress rules never match traffic from outside the cluster", () => {
    const t = tree(base + anp("p", 1, `${API_SUBJECT}\ningress:\n- action: Deny\n  ${FROM_ALL}`));
    expect(allowed(t, "0.0.0.0/0", API)).toBe("All Connections");
  });

  it("nodes and domainNames peers match nothing: neither allowed nor denied traffic", () => {
    const t = tree(
      base +
        anp(
          "p",
          1,
          "subject: { namespaces: {} }\negress:\n- action: Deny\n  to: [{ nodes: {} }, { domainNames: [example.com] }]",
        ),
    );
    expect(connections(t)).toEqual(connections(tree(base)));
  });

  it("a peer that selects no workload gets a stand-in endpoint, with the tier walk applied to it", () => {
    const t = tree(
      base +
        anp(
          "p",
          1,
          "subject: { namespaces: {} }\negress:\n- action: Deny\n  to: [{ pods: { namespaceSelector: { matchLabels: { kubernetes.io/metadata.name: kube-system } }, podSelector: { matchLabels: { k8s-app: kube-dns } } } }]",
        ),
    );
    const dns = "kube-system/[pods with k8s-app=kube-dns]";
    expect(allowed(t, WEB, dns)).toBe("No Connections");
    expect(allowed(t, dns, WEB)).toBe("All Connections");
  });

  it("a ClusterNetworkPolicy's Accept allows, and its protocols name ports per protocol", () => {
    const t = tree(
      base +
        networkPolicy("a", "deny", "podSelector: { matchLabels: { app: api } }\npolicyTypes: [Ingress]") +
        cnp(
          "p",
          "Admin",
          1,
          `${API_SUBJECT}\ningress:\n- action: Accept\n  ${FROM_A}\n  protocols:\n  - tcp: { destinationPort: { number: 9000 } }\n  - udp: { destinationPort: { range: { start: 5000, end: 6000 } } }\n  - destinationNamedPort: http`,
        ),
    );
    expect(allowed(t, WEB, API)).toBe("TCP 9000,UDP 5000-6000");
  });
});
