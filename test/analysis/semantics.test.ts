import { describe, expect, it } from "vitest";
import { computeReachability } from "../../src/analysis/reach.js";
import { ALERTMANAGER, ALERTMANAGER_STATEFULSET } from "../helpers/alertmanager.js";
import { allowed, connections, deployment, tree } from "../helpers/trees.js";

const TEMPLATED = `metadata:
  name: w
  namespace: shop
spec:
  template:
    metadata:
      labels: { role: target }
    spec:
      containers: [{ name: c, image: i, ports: [{ name: http, containerPort: 8080 }] }]`;

const CRONJOB = `metadata:
  name: w
  namespace: shop
spec:
  schedule: "* * * * *"
  jobTemplate:
    spec:
      template:
        metadata:
          labels: { role: target }
        spec:
          containers: [{ name: c, image: i, ports: [{ name: http, containerPort: 8080 }] }]`;

const WEB = "shop/web[Deployment]";
const API = "shop/api[Deployment]";
const DB = "data/db[Deployment]";

/** Three workloads in two namespaces; `data` carries a team label. */
const base = `
apiVersion: v1
kind: Namespace
metadata: { name: data, labels: { team: storage } }
---
${deployment("shop", "web", { app: "web" }, [{ name: "http", containerPort: 8080 }])}
${deployment("shop", "api", { app: "api", tier: "backend" }, [
  { name: "http", containerPort: 9000 },
  { name: "dns", containerPort: 5353, protocol: "UDP" },
])}
${deployment("data", "db", { app: "db", tier: "backend" }, [{ name: "pg", containerPort: 5432 }])}
`;

const policy = (namespace: string, name: string, spec: string) => `
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: ${name}, namespace: ${namespace} }
spec:
${spec.replace(/^/gm, "  ")}
---
`;

describe("isolation and defaulting", () => {
  it("a pod no policy selects is not isolated: everything is allowed both ways", () => {
    const t = tree(base);
    expect(allowed(t, WEB, API)).toBe("All Connections");
    expect(allowed(t, API, DB)).toBe("All Connections");
  });

  it("without policyTypes a policy isolates ingress only", () => {
    const t = tree(base + policy("shop", "deny", "podSelector: { matchLabels: { app: api } }"));
    expect(allowed(t, WEB, API)).toBe("No Connections");
    expect(allowed(t, API, WEB)).toBe("All Connections");
  });

  it("without policyTypes a non-empty egress list also isolates egress", () => {
    const t = tree(
      base +
        policy(
          "shop",
          "egress",
          `podSelector: { matchLabels: { app: api } }
egress:
- to: [{ podSelector: { matchLabels: { app: web } } }]`,
        ),
    );
    expect(allowed(t, API, WEB)).toBe("All Connections");
    expect(allowed(t, API, DB)).toBe("No Connections");
    expect(allowed(t, WEB, API)).toBe("No Connections");
  });

  it("egress: [] does not isolate egress", () => {
    const t = tree(base + policy("shop", "p", "podSelector: { matchLabels: { app: api } }\negress: []"));
    expect(allowed(t, API, DB)).toBe("All Connections");
    expect(allowed(t, WEB, API)).toBe("No Connections");
  });

  it("with explicit policyTypes, rules of an unlisted direction are ignored", () => {
    const t = tree(
      base +
        policy(
          "shop",
          "p",
          `podSelector: { matchLabels: { app: api } }
policyTypes: [Egress]
ingress:
- from: [{ podSelector: { matchLabels: { app: nobody } } }]
egress:
- to: [{ podSelector: { matchLabels: { app: web } } }]`,
        ),
    );
    expect(allowed(t, WEB, API)).toBe("All Connections");
    expect(allowed(t, API, DB)).toBe("No Connections");
  });

  it("an isolating policy with no rules for a direction allows nothing in it", () => {
    const t = tree(base + policy("data", "deny-all", "podSelector: {}\npolicyTypes: [Ingress, Egress]"));
    expect(allowed(t, API, DB)).toBe("No Connections");
    expect(allowed(t, DB, API)).toBe("No Connections");
    expect(allowed(t, WEB, API)).toBe("All Connections");
  });

  it("allowed traffic is the union of all rules of all policies selecting the pod", () => {
    const t = tree(
      base +
        policy("shop", "a", "podSelector: { matchLabels: { app: api } }\ningress:\n- ports: [{ port: 80 }]") +
        policy(
          "shop",
          "b",
          "podSelector: { matchLabels: { tier: backend } }\ningress:\n- ports: [{ port: 443 }]",
        ),
    );
    expect(allowed(t, WEB, API)).toBe("TCP 80,443");
  });

  it("a connection needs the source's egress and the destination's ingress", () => {
    const t = tree(
      base +
        policy(
          "shop",
          "web-out",
          "podSelector: { matchLabels: { app: web } }\npolicyTypes: [Egress]\negress:\n- ports: [{ port: 80 }, { port: 443 }]",
        ) +
        policy(
          "shop",
          "api-in",
          "podSelector: { matchLabels: { app: api } }\ningress:\n- ports: [{ port: 443 }, { port: 8443 }]",
        ),
    );
    expect(allowed(t, WEB, API)).toBe("TCP 443");
  });
});

describe("rules, peers and selectors", () => {
  const apiIngress = (rule: string) =>
    tree(base + policy("shop", "p", `podSelector: { matchLabels: { app: api } }\ningress:\n${rule}`));

  it("a rule with from missing allows every peer", () => {
    const t = apiIngress("- ports: [{ port: 80 }]");
    expect(allowed(t, WEB, API)).toBe("TCP 80");
    expect(allowed(t, DB, API)).toBe("TCP 80");
    expect(allowed(t, "0.0.0.0/0", API)).toBe("TCP 80");
  });

  it("from: [] means the same as a missing from", () => {
    expect(connections(apiIngress("- from: []\n  ports: [{ port: 80 }]"))).toEqual(
      connections(apiIngress("- ports: [{ port: 80 }]")),
    );
  });

  it("ports missing or [] allow every port and protocol", () => {
    const t = apiIngress("- from: [{ podSelector: {} }]");
    expect(allowed(t, WEB, API)).toBe("All Connections");
    expect(connections(apiIngress("- from: [{ podSelector: {} }]\n  ports: []"))).toEqual(connections(t));
  });

  it("podSelector alone selects pods in the policy's namespace only", () => {
    const t = apiIngress("- from: [{ podSelector: { matchLabels: { tier: backend } } }]");
    expect(allowed(t, DB, API)).toBe("No Connections");
    const t2 = apiIngress("- from: [{ podSelector: {} }]");
    expect(allowed(t2, WEB, API)).toBe("All Connections");
    expect(allowed(t2, DB, API)).toBe("No Connections");
  });

  it("namespaceSelector alone selects every pod in the matching namespaces", () => {
    const t = apiIngress("- from: [{ namespaceSelector: { matchLabels: { team: storage } } }]");
    expect(allowed(t, DB, API)).toBe("All Connections");
    expect(allowed(t, WEB, API)).toBe("No Connections");
  });

  it("namespaceSelector and podSelector in one peer select their intersection", () => {
    const both = (pod: string) =>
      apiIngress(
        `- from: [{ namespaceSelector: { matchLabels: { team: storage } }, podSelector: { matchLabels: { ${pod} } } }]`,
      );
    expect(allowed(both("tier: backend"), DB, API)).toBe("All Connections");
    expect(allowed(both("app: web"), DB, API)).toBe("No Connections");
    expect(allowed(both("app: web"), WEB, API)).toBe("No Connections");
  });

  it("namespaceSelector and podSelector in two peers select their union", () => {
    const t = apiIngress(
      "- from:\n  - namespaceSelector: { matchLabels: { team: storage } }\n  - podSelector: { matchLabels: { app: web } }",
    );
    expect(allowed(t, DB, API)).toBe("All Connections");
    expect(allowed(t, WEB, API)).toBe("All Connections");
  });

  it("namespaceSelector: {} selects pods in every namespace", () => {
    const t = apiIngress(
      "- from: [{ namespaceSelector: {}, podSelector: { matchLabels: { tier: backend } } }]",
    );
    expect(allowed(t, DB, API)).toBe("All Connections");
    expect(allowed(t, WEB, API)).toBe("No Connections");
  });

  it("every namespace carries kubernetes.io/metadata.name without a Namespace manifest", () => {
    const t = apiIngress(
      "- from: [{ namespaceSelector: { matchLabels: { kubernetes.io/metadata.name: shop } } }]",
    );
    expect(allowed(t, WEB, API)).toBe("All Connections");
    expect(allowed(t, DB, API)).toBe("No Connections");
  });

  it("matchExpressions In, NotIn, Exists and DoesNotExist select as Kubernetes does", () => {
    const expr = (op: string, values = "") =>
      apiIngress(
        `- from: [{ namespaceSelector: {}, podSelector: { matchExpressions: [{ key: tier, operator: ${op}${values} }] } }]`,
      );
    expect(allowed(expr("In", ", values: [backend]"), DB, API)).toBe("All Connections");
    expect(allowed(expr("In", ", values: [backend]"), WEB, API)).toBe("No Connections");
    expect(allowed(expr("NotIn", ", values: [backend]"), WEB, API)).toBe("All Connections");
    expect(allowed(expr("NotIn", ", values: [backend]"), DB, API)).toBe("No Connections");
    expect(allowed(expr("Exists"), DB, API)).toBe("All Connections");
    expect(allowed(expr("Exists"), WEB, API)).toBe("No Connections");
    expect(allowed(expr("DoesNotExist"), WEB, API)).toBe("All Connections");
    expect(allowed(expr("DoesNotExist"), DB, API)).toBe("No Connections");
  });
});

describe("ports", () => {
  const apiIngress = (ports: string) =>
    tree(
      base + policy("shop", "p", `podSelector: { matchLabels: { app: api } }\ningress:\n- ports: ${ports}`),
    );

  it("protocol defaults to TCP; UDP and SCTP are their own protocols", () => {
    expect(allowed(apiIngress("[{ port: 53 }]"), WEB, API)).toBe("TCP 53");
    expect(allowed(apiIngress("[{ port: 53, protocol: UDP }, { port: 9, protocol: SCTP }]"), WEB, API)).toBe(
      "SCTP 9,UDP 53",
    );
  });

  it("a port entry without a port allows every port of its protocol", () => {
    expect(allowed(apiIngress("[{ protocol: UDP }]"), WEB, API)).toBe("UDP 1-65535");
  });

  it("endPort allows the whole range from port to endPort", () => {
    expect(allowed(apiIngress("[{ port: 32000, endPort: 32768 }]"), WEB, API)).toBe("TCP 32000-32768");
  });

  it("a named port resolves against the destination pod's container port of that name", () => {
    expect(allowed(apiIngress("[{ port: http }]"), WEB, API)).toBe("TCP 9000");
  });

  it("a named port resolves only to a container port of the same protocol", () => {
    expect(allowed(apiIngress("[{ port: dns, protocol: UDP }]"), WEB, API)).toBe("UDP 5353");
    expect(allowed(apiIngress("[{ port: dns }]"), WEB, API)).toBe("No Connections");
  });

  it("a named port in an egress rule resolves on the destination, not on the source", () => {
    const t = tree(
      base +
        policy(
          "shop",
          "web-out",
          `podSelector: { matchLabels: { app: web } }
policyTypes: [Egress]
egress:
- ports: [{ port: http }]`,
        ),
    );
    expect(allowed(t, WEB, API)).toBe("TCP 9000");
    expect(allowed(t, WEB, DB)).toBe("No Connections");
  });
});

describe("ip blocks and external endpoints", () => {
  const dbEgress = (to: string) =>
    tree(
      base +
        policy(
          "data",
          "out",
          `podSelector: {}\npolicyTypes: [Egress]\negress:\n- to: ${to}\n  ports: [{ port: 443 }]`,
        ),
    );

  it("external ranges are split at ipBlock and except boundaries and cover all of IPv4 and IPv6", () => {
    const reach = computeReachability(dbEgress("[{ ipBlock: { cidr: 10.0.0.0/8, except: [10.1.0.0/16] } }]"));
    const ext = reach.endpoints.filter((e) => e.kind === "External").map((e) => e.id);
    expect(ext).toEqual([
      "0.0.0.0-9.255.255.255",
      "10.0.0.0/16",
      "10.1.0.0/16",
      "10.2.0.0-10.255.255.255",
      "11.0.0.0-255.255.255.255",
      "::/0",
    ]);
  });

  it("ipBlock except carves addresses out of the allowed range", () => {
    const t = dbEgress("[{ ipBlock: { cidr: 10.0.0.0/8, except: [10.1.0.0/16] } }]");
    expect(allowed(t, DB, "10.0.0.0/16")).toBe("TCP 443");
    expect(allowed(t, DB, "10.2.0.0-10.255.255.255")).toBe("TCP 443");
    expect(allowed(t, DB, "10.1.0.0/16")).toBe("No Connections");
    expect(allowed(t, DB, "11.0.0.0-255.255.255.255")).toBe("No Connections");
  });

  it("ipBlock works for IPv6", () => {
    const t = dbEgress("[{ ipBlock: { cidr: 2001:db8::/32 } }]");
    expect(allowed(t, DB, "2001:db8::/32")).toBe("TCP 443");
    expect(allowed(t, DB, "::-2001:db7:ffff:ffff:ffff:ffff:ffff:ffff")).toBe("No Connections");
  });

  it("ipBlock never matches pods, even 0.0.0.0/0", () => {
    const t = dbEgress("[{ ipBlock: { cidr: 0.0.0.0/0 } }]");
    expect(allowed(t, DB, API)).toBe("No Connections");
    expect(allowed(t, DB, "0.0.0.0/0")).toBe("TCP 443");
  });

  it("external ranges reach a pod only through its ingress and never reach each other", () => {
    const reach = computeReachability(tree(base));
    const fromOutside = reach.connections.filter((c) => c.src.kind === "External");
    expect(fromOutside.every((c) => c.dst.kind !== "External")).toBe(true);
    expect(allowed(tree(base), "0.0.0.0/0", WEB)).toBe("All Connections");
  });
});

describe("endpoints beyond the repository", () => {
  const dns = `
podSelector: {}
policyTypes: [Egress]
egress:
- to:
  - namespaceSelector: { matchLabels: { kubernetes.io/metadata.name: kube-system } }
    podSelector: { matchLabels: { k8s-app: kube-dns } }
  ports: [{ port: 53, protocol: UDP }, { port: 53, protocol: TCP }]`;

  it("a peer selector that matches no workload becomes an endpoint of its own, in plain words", () => {
    const reach = computeReachability(tree(base + policy("shop", "dns", dns)));
    const kubeDns = reach.endpoints.find((e) => e.kind === "Pods");
    expect(kubeDns?.id).toBe("kube-system/[pods with k8s-app=kube-dns]");
    expect(kubeDns?.label).toBe("pods with k8s-app=kube-dns in namespace kube-system");
    expect(
      allowed(tree(base + policy("shop", "dns", dns)), WEB, "kube-system/[pods with k8s-app=kube-dns]"),
    ).toBe("TCP 53,UDP 53");
  });

  it("a selector endpoint in an unnamed namespace reads as the namespaces it stands for", () => {
    const t = tree(
      base +
        policy(
          "shop",
          "mon",
          "podSelector: {}\ningress:\n- from: [{ namespaceSelector: { matchLabels: { purpose: monitoring } } }]",
        ),
    );
    const reach = computeReachability(t);
    const mon = reach.endpoints.find((e) => e.kind === "Pods");
    expect(mon?.label).toBe("all pods in namespaces with purpose=monitoring");
    expect(allowed(t, mon?.id as string, WEB)).toBe("All Connections");
  });

  it("any other pod in the cluster is reached only by peers that select all namespaces", () => {
    const all = tree(
      base + policy("shop", "p", "podSelector: {}\ningress:\n- from: [{ namespaceSelector: {} }]"),
    );
    expect(allowed(all, "[other pods]", WEB)).toBe("All Connections");
    const local = tree(
      base + policy("shop", "p", "podSelector: {}\ningress:\n- from: [{ podSelector: {} }]"),
    );
    expect(allowed(local, "[other pods]", WEB)).toBe("No Connections");
  });
});

describe("traffic between pods of the same workload", () => {
  const pod = `
apiVersion: v1
kind: Pod
metadata: { name: solo, namespace: shop, labels: { app: solo } }
spec: { containers: [{ name: c, image: i }] }
---
`;
  const SELF = ALERTMANAGER;

  it("a controller's pods reach each other: its self-pair is a connection like any other", () => {
    const reach = connections(tree(base + ALERTMANAGER_STATEFULSET));
    expect(reach.get(`${SELF} => ${SELF}`)).toBe("All Connections");
    expect(reach.get(`${WEB} => ${WEB}`)).toBe("All Connections");
  });

  it("a Pod's self-pair is absent: it is one pod, and a pod cannot block access to itself", () => {
    const reach = connections(tree(base + pod));
    expect(reach.has("shop/solo[Pod] => shop/solo[Pod]")).toBe(false);
    expect(reach.get(`shop/solo[Pod] => ${WEB}`)).toBe("All Connections");
  });

  it("policies decide the traffic between a workload's own pods like any other traffic", () => {
    const meshOnly = policy(
      "monitoring",
      "mesh",
      "podSelector: { matchLabels: { app.kubernetes.io/name: alertmanager } }\ningress:\n- from: [{ podSelector: { matchLabels: { app.kubernetes.io/name: alertmanager } } }]\n  ports: [{ port: mesh-tcp }]",
    );
    const denyAll = policy("monitoring", "deny", "podSelector: {}\npolicyTypes: [Ingress]");
    expect(allowed(tree(base + ALERTMANAGER_STATEFULSET + meshOnly), SELF, SELF)).toBe("TCP 9094");
    expect(allowed(tree(base + ALERTMANAGER_STATEFULSET + denyAll), SELF, SELF)).toBe("No Connections");
  });

  it("stand-ins for pods outside the repository have self-pairs too: they stand for many pods", () => {
    const dns = policy(
      "kube-system",
      "dns",
      "podSelector: {}\ningress:\n- from: [{ podSelector: { matchLabels: { k8s-app: kube-dns } } }]",
    );
    const reach = connections(tree(base + dns));
    const standIn = "kube-system/[pods with k8s-app=kube-dns]";
    expect(reach.get(`${standIn} => ${standIn}`)).toBe("All Connections");
    expect(reach.get("[other pods] => [other pods]")).toBe("All Connections");
  });
});

describe("workloads", () => {
  const kinds: [string, string, string][] = [
    [
      "Pod",
      "v1",
      "metadata:\n  name: w\n  namespace: shop\n  labels: { role: target }\nspec:\n  containers: [{ name: c, image: i, ports: [{ name: http, containerPort: 8080 }] }]",
    ],
    ["Deployment", "apps/v1", TEMPLATED],
    ["StatefulSet", "apps/v1", TEMPLATED],
    ["DaemonSet", "apps/v1", TEMPLATED],
    ["ReplicaSet", "apps/v1", TEMPLATED],
    ["ReplicationController", "v1", TEMPLATED],
    ["Job", "batch/v1", TEMPLATED],
    ["CronJob", "batch/v1", CRONJOB],
  ];

  it.each(kinds)(
    "a %s contributes its pod template's labels and named container ports",
    (kind, apiVersion, body) => {
      const t = tree(
        `apiVersion: ${apiVersion}\nkind: ${kind}\n${body}\n---\n${deployment("shop", "client", { app: "client" })}` +
          policy(
            "shop",
            "p",
            "podSelector: { matchLabels: { role: target } }\ningress:\n- ports: [{ port: http }]",
          ),
      );
      expect(allowed(t, "shop/client[Deployment]", `shop/w[${kind}]`)).toBe("TCP 8080");
      expect(allowed(t, `shop/w[${kind}]`, "shop/client[Deployment]")).toBe("All Connections");
    },
  );

  it("a workload without a namespace is in default", () => {
    const t = tree(
      "apiVersion: v1\nkind: Pod\nmetadata: { name: p, labels: { a: b } }\nspec: { containers: [{ name: c, image: i }] }\n---\n" +
        deployment("shop", "web", { app: "web" }),
    );
    expect(allowed(t, "default/p[Pod]", WEB)).toBe("All Connections");
  });

  it("policies select pods, never Services", () => {
    const t = tree(
      base +
        "apiVersion: v1\nkind: Service\nmetadata: { name: api, namespace: shop, labels: { app: api } }\nspec: { selector: { app: api }, ports: [{ port: 80, targetPort: 9000 }] }\n---\n" +
        policy("shop", "p", "podSelector: { matchLabels: { app: api } }\ningress:\n- ports: [{ port: 80 }]"),
    );
    expect(computeReachability(t).endpoints.some((e) => e.id.includes("Service"))).toBe(false);
    expect(allowed(t, WEB, API)).toBe("TCP 80");
  });
});
