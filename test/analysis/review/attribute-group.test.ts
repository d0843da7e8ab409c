import { describe, expect, it } from "vitest";
import { buildReview } from "../../../src/analysis/review/build.js";
import type { ManifestTree } from "../../../src/model/tree.js";
import { deployment, tree } from "../../helpers/trees.js";

/** The review of a change: its grouped, attributed opened and closed paths. */
function review(base: ManifestTree, head: ManifestTree) {
  return buildReview({ base, head, baseRevision: { label: "base" }, headRevision: { label: "head" } });
}

/** Every group has exactly one cause, matching `cause`. */
function expectEachCausedBy(
  groups: readonly { causes: readonly unknown[] }[],
  cause: Record<string, unknown>,
) {
  expect(groups.length).toBeGreaterThan(0);
  for (const group of groups) expect(group.causes).toEqual([expect.objectContaining(cause)]);
}

const policy = (ns: string, name: string, spec: string) =>
  `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: { name: ${name}, namespace: ${ns} }\nspec:\n${spec.replace(/^/gm, "  ")}\n---\n`;

const workloads =
  deployment("shop", "web", { app: "web" }) +
  deployment("shop", "api", { app: "api" }, [{ name: "http", containerPort: 9000 }]) +
  deployment("ops", "bastion", { app: "bastion" }) +
  deployment("ops", "jump", { app: "jump" });

const denyApi = policy(
  "shop",
  "api-in",
  "podSelector: { matchLabels: { app: api } }\ningress:\n- from: [{ podSelector: { matchLabels: { app: web } } }]",
);

describe("grouping", () => {
  it("every workload of a namespace gaining the same ports reads as one ns/* line", () => {
    const head = policy(
      "shop",
      "api-in",
      "podSelector: { matchLabels: { app: api } }\ningress:\n- from: [{ podSelector: { matchLabels: { app: web } } }]\n- from: [{ namespaceSelector: { matchLabels: { kubernetes.io/metadata.name: ops } } }]\n  ports: [{ port: http }]",
    );
    const { opened, closed } = review(tree(workloads + denyApi), tree(workloads + head));
    expect(closed).toEqual([]);
    expect(opened).toHaveLength(1);
    expect(opened[0]).toMatchObject({
      src: {
        kind: "namespace",
        label: "ops/*",
        endpointIds: ["ops/bastion[Deployment]", "ops/jump[Deployment]"],
      },
      dst: { kind: "endpoint", label: "shop/api[Deployment]" },
      pairs: 2,
    });
    expect(opened[0]?.ports.toString()).toBe("TCP 9000");
  });

  it("external ranges read as CIDRs, with except when that is shorter", () => {
    const base = policy(
      "shop",
      "web-out",
      "podSelector: { matchLabels: { app: web } }\npolicyTypes: [Egress]\negress: [{ to: [{ ipBlock: { cidr: 0.0.0.0/0, except: [10.0.0.0/8] } }], ports: [{ port: 443 }] }]",
    );
    const { closed } = review(
      tree(workloads + base),
      tree(workloads + base.replace("port: 443", "port: 8443")),
    );
    const external = closed.find((g) => g.dst.kind === "external");
    expect(external?.dst.label).toBe("0.0.0.0/0 except 10.0.0.0/8");
    expect(external?.ports.toString()).toBe("TCP 443");
  });

  it("a new workload is marked as added", () => {
    const { opened } = review(
      tree(workloads),
      tree(workloads + deployment("shop", "cache", { app: "cache" })),
    );
    expect(opened.some((g) => g.src.label === "shop/cache[Deployment]" && g.src.change === "added")).toBe(
      true,
    );
    expect(opened.some((g) => g.dst.label === "shop/cache[Deployment]" && g.dst.change === "added")).toBe(
      true,
    );
  });
});

describe("attribution", () => {
  it("a new policy is the cause of what it closes, at its file and line", () => {
    const { closed } = review(tree(workloads), tree({ "w.yaml": workloads, "p.yaml": denyApi }));
    expectEachCausedBy(closed, {
      kind: "policy-added",
      object: "NetworkPolicy shop/api-in",
      file: "p.yaml",
      line: 1,
      side: "head",
      detail: "new policy isolates the destination for ingress",
    });
  });

  it("an edited rule is named by direction and index with the rule's line", () => {
    const head = policy(
      "shop",
      "api-in",
      "podSelector: { matchLabels: { app: api } }\ningress:\n- from: [{ podSelector: { matchLabels: { app: web } } }]\n- from: [{ namespaceSelector: {} }]\n  ports: [{ port: 80 }]",
    );
    const { opened } = review(tree(workloads + denyApi), tree({ "p.yaml": head, "w.yaml": workloads }));
    // The api's own pods gain port 80 from each other too: ingress rule 2 admits every namespace.
    expect(opened.map((g) => g.src.label)).toEqual([
      "any other pod in the cluster",
      "ops/*",
      "shop/api[Deployment]",
    ]);
    expect(opened[2]?.dst.label).toBe("shop/api[Deployment]");
    expectEachCausedBy(opened.slice(1), {
      kind: "policy-changed",
      rule: { direction: "ingress", index: 1 },
      line: 8,
      detail: "ingress rule 2 now allows this traffic",
    });
  });

  it("a new policy whose egress is allow-all is not blamed for isolating the source's egress", () => {
    // kube-prometheus ea158da2: ingress restricted, egress `[{}]`, in one new policy.
    const both = policy(
      "shop",
      "web",
      "podSelector: { matchLabels: { app: web } }\npolicyTypes: [Ingress, Egress]\negress: [{}]\ningress: []",
    );
    const { closed } = review(tree(workloads), tree({ "p.yaml": both, "w.yaml": workloads }));
    // Only traffic into web closed (its own pods' included); nothing web sends.
    expect(closed.every((g) => g.dst.label === "shop/web[Deployment]")).toBe(true);
    expectEachCausedBy(closed, {
      kind: "policy-added",
      object: "NetworkPolicy shop/web",
      direction: "ingress",
      detail: "new policy isolates the destination for ingress",
    });
  });

  it("a removed policy is the cause of what it no longer isolates, pointing at base", () => {
    const { opened } = review(
      tree({ "p.yaml": denyApi, "w.yaml": workloads }),
      tree({ "w.yaml": workloads }),
    );
    expect(opened.length).toBeGreaterThan(0);
    expect(opened[0]?.causes).toEqual([
      expect.objectContaining({
        kind: "policy-removed",
        side: "base",
        file: "p.yaml",
        detail: "policy removed; the destination is no longer isolated for ingress",
      }),
    ]);
  });

  it("a label change that drops a workload out of an allow rule is named with the change", () => {
    const base = workloads + denyApi;
    const head = base.replace('app: "web"', 'app: "www"');
    const { closed } = review(tree(base), tree(head));
    expect(closed).toHaveLength(1);
    expect(closed[0]).toMatchObject({
      src: { label: "shop/web[Deployment]" },
      dst: { label: "shop/api[Deployment]" },
    });
    expect(closed[0]?.causes).toEqual([
      expect.objectContaining({
        kind: "pod-labels-changed",
        object: "Deployment shop/web",
        detail: "pod labels app: web → www",
      }),
    ]);
  });

  it("a namespace label change is attributed to the Namespace", () => {
    const ns = (team: string) =>
      `apiVersion: v1\nkind: Namespace\nmetadata: { name: ops, labels: { team: ${team} } }\n---\n`;
    const allowTeam = policy(
      "shop",
      "api-in",
      "podSelector: { matchLabels: { app: api } }\ningress:\n- from: [{ namespaceSelector: { matchLabels: { team: sre } } }]",
    );
    const { opened } = review(
      tree(ns("dev") + workloads + allowTeam),
      tree(ns("sre") + workloads + allowTeam),
    );
    expect(opened).toHaveLength(1);
    expect(opened[0]?.src.label).toBe("ops/*");
    expect(opened[0]?.causes).toEqual([
      expect.objectContaining({
        kind: "namespace-labels-changed",
        object: "Namespace ops",
        line: 1,
        detail: "namespace labels team: dev → sre",
      }),
    ]);
  });
});

describe("attribution to admin policies", () => {
  const anp = (action: string) => `apiVersion: policy.networking.k8s.io/v1alpha1
kind: AdminNetworkPolicy
metadata: { name: guard-shop }
spec:
  priority: 5
  subject: { namespaces: { matchLabels: { kubernetes.io/metadata.name: shop } } }
  ingress:
  - name: from-ops
    action: ${action}
    from: [{ namespaces: { matchLabels: { kubernetes.io/metadata.name: ops } } }]
`;

  it("a new AdminNetworkPolicy Deny rule is named as the cause of what it closes", () => {
    const { closed } = review(
      tree({ "w.yaml": workloads }),
      tree({ "w.yaml": workloads, "anp.yaml": anp("Deny") }),
    );
    expect(closed.map((g) => `${g.src.label} -> ${g.dst.label} (${g.pairs} pairs)`)).toEqual([
      "ops/* -> shop/* (4 pairs)",
    ]);
    expect(closed[0]?.causes).toEqual([
      expect.objectContaining({
        kind: "policy-added",
        object: "AdminNetworkPolicy guard-shop",
        file: "anp.yaml",
        line: 8,
        rule: { direction: "ingress", index: 0 },
        detail: 'new policy; its ingress rule "from-ops" (Deny) decides this traffic',
      }),
    ]);
  });

  it("an edited admin rule is named as the cause of what it opens", () => {
    const base = { "w.yaml": workloads + denyApi, "anp.yaml": anp("Deny") };
    const { opened } = review(tree(base), tree({ ...base, "anp.yaml": anp("Allow") }));
    expect(opened.map((g) => `${g.src.label} -> ${g.dst.label} : ${g.ports}`)).toEqual([
      "ops/* -> shop/* : All Connections",
    ]);
    expect(opened[0]?.causes).toEqual([
      expect.objectContaining({
        kind: "policy-changed",
        object: "AdminNetworkPolicy guard-shop",
        side: "head",
        line: 8,
      }),
    ]);
  });
});

describe("attribution of removed rules", () => {
  const rules = (list: string[]) =>
    policy("shop", "api-in", `podSelector: { matchLabels: { app: api } }\ningress:\n${list.join("\n")}`);
  const c = "- from: [{ podSelector: { matchLabels: { app: nobody } } }]";
  const a = "- from: [{ podSelector: { matchLabels: { app: web } } }]\n  ports: [{ port: 80 }]";
  const x = "- from: [{ podSelector: { matchLabels: { app: other } } }]";

  it("a rule removed from the middle is not blamed on the rule that now has its index", () => {
    const { closed } = review(
      tree(workloads + rules([c, a, x])),
      tree({ "p.yaml": rules([c, x]), "w.yaml": workloads }),
    );
    expect(closed).toHaveLength(1);
    expect(closed[0]?.causes).toEqual([
      expect.objectContaining({
        kind: "policy-changed",
        file: "p.yaml",
        line: 1,
        rule: { direction: "ingress", index: 1 },
        detail: "ingress rule 2 at base, which allowed this traffic, was removed",
      }),
    ]);
  });
});

describe("grouping new workloads", () => {
  it("a new namespace whose workloads gain the same access reads as one ns/* line, its new workloads listed once", () => {
    const newTeam = ["one", "two", "three", "four"].map((n) => deployment("reports", n, { app: n })).join("");
    const { opened } = review(tree(workloads + denyApi), tree(workloads + denyApi + newTeam));
    const fromReports = opened.filter((g) => g.src.label === "reports/*");
    expect(fromReports.map((g) => `${g.dst.label} : ${g.ports} (${g.pairs} pairs)`)).toEqual([
      "0.0.0.0/0; ::/0 : All Connections (8 pairs)",
      "any other pod in the cluster : All Connections (4 pairs)",
      "ops/* : All Connections (8 pairs)",
      // 4 × 4: every workload to the three others and between its own pods.
      "reports/* : All Connections (16 pairs)",
      "shop/web[Deployment] : All Connections (4 pairs)",
    ]);
    expect(fromReports[0]?.src.change).toBe("added");
    expect(fromReports[0]?.causes).toEqual([
      expect.objectContaining({
        kind: "workload-added",
        object: "4 workloads",
        detail: "new workload: Deployment reports/one, Deployment reports/two, Deployment reports/three, …",
      }),
    ]);
  });
});

describe("attribution of moved rules", () => {
  const rules = (list: string[]) =>
    policy("shop", "api-in", `podSelector: { matchLabels: { app: api } }\ningress:\n${list.join("\n")}`);
  const fromWeb = "- from: [{ podSelector: { matchLabels: { app: web } } }]";
  const fromOther = "- from: [{ podSelector: { matchLabels: { app: other } } }]\n  ports: [{ port: 81 }]";

  it("a rule that only moved is recognised at its new position", () => {
    const relabelled = workloads.replace('app: "web"', 'app: "www"');
    const { closed } = review(
      tree(workloads + rules([fromWeb])),
      tree({ "p.yaml": rules([fromOther, fromWeb]), "w.yaml": relabelled }),
    );
    expect(closed.flatMap((g) => g.causes.map((c) => c.detail))).not.toContain(
      "ingress rule 1 at base, which allowed this traffic, was removed",
    );
  });

  it("a path opened by a label change is not blamed on a rule that only moved", () => {
    const before = workloads.replace('app: "web"', 'app: "www"');
    const { opened } = review(
      tree(before + rules([fromWeb, fromOther])),
      tree({ "w.yaml": workloads, "p.yaml": rules([fromOther, fromWeb]) }),
    );
    const toApi = opened.find(
      (g) => g.src.label === "shop/web[Deployment]" && g.dst.label === "shop/api[Deployment]",
    );
    expect(toApi?.causes.map((c) => c.kind)).toEqual(["pod-labels-changed"]);
  });
});

describe("attribution of an edited podSelector", () => {
  it("a policy whose podSelector now selects another workload is an edit, not a selection change", () => {
    const to = (app: string) =>
      policy("shop", "api-in", `podSelector: { matchLabels: { app: ${app} } }\ningress: []`);
    const { closed } = review(tree(workloads + to("api")), tree(workloads + to("web")));
    const toWeb = closed.filter((g) => g.dst.label === "shop/web[Deployment]");
    expect(toWeb.length).toBeGreaterThan(0);
    for (const g of toWeb) {
      expect(g.causes).toEqual([
        expect.objectContaining({
          kind: "policy-changed",
          detail: "now selects the destination, isolating it for ingress",
        }),
      ]);
    }
  });
});

describe("attribution to admin policies the walk reaches", () => {
  const anp = (
    name: string,
    priority: number,
    ingressAction: string,
    egressPort: number,
  ) => `apiVersion: policy.networking.k8s.io/v1alpha1
kind: AdminNetworkPolicy
metadata: { name: ${name} }
spec:
  priority: ${priority}
  subject: { namespaces: { matchLabels: { kubernetes.io/metadata.name: shop } } }
  ingress:
  - { name: from-ops, action: ${ingressAction}, from: [{ namespaces: { matchLabels: { kubernetes.io/metadata.name: ops } } }] }
  egress:
  - { name: out, action: Allow, to: [{ namespaces: {} }], ports: [{ portNumber: { protocol: TCP, port: ${egressPort} } }] }
---
`;
  it("an edited policy whose changed rule is not the one deciding the flow, or is never reached, is not blamed", () => {
    const base = tree(workloads + anp("first", 1, "Deny", 1) + anp("second", 2, "Allow", 1));
    const head = tree(workloads + anp("first", 1, "Pass", 1) + anp("second", 2, "Allow", 2));
    const { opened } = review(base, head);
    const fromOps = opened.filter((g) => g.src.label === "ops/*");
    expect(fromOps.length).toBeGreaterThan(0);
    for (const g of fromOps) {
      expect(g.causes.map((c) => c.object)).toEqual(["AdminNetworkPolicy first"]);
    }
  });
});
