import { describe, expect, it } from "vitest";
import { explainFlow } from "../../src/analysis/explain.js";
import type { FlowExplanation } from "../../src/analysis/review/types.js";
import { PortSet } from "../../src/model/port-set.js";
import { flowJson } from "../../src/report/explain-text.js";
import { deployment, tree } from "../helpers/trees.js";

const policy = (ns: string, name: string, spec: string) =>
  `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: { name: ${name}, namespace: ${ns} }\nspec:\n${spec.replace(/^/gm, "  ")}\n---\n`;

const files = {
  "workloads.yaml":
    deployment("shop", "web", { app: "web" }) +
    deployment("shop", "api", { app: "api" }, [{ name: "http", containerPort: 9000 }]),
  "policies.yaml":
    policy(
      "shop",
      "api-in",
      "podSelector: { matchLabels: { app: api } }\ningress:\n- from: [{ podSelector: { matchLabels: { app: web } } }]\n  ports: [{ port: http }]",
    ) + policy("shop", "api-deny", "podSelector: { matchLabels: { app: api } }\npolicyTypes: [Ingress]"),
};

function explain(from: string, to: string, port?: number): FlowExplanation {
  const result = explainFlow(tree(files), {
    from,
    to,
    ...(port && { port: { port, protocol: "TCP" as const } }),
  });
  if ("error" in result) throw new Error(result.error);
  return result;
}

describe("explain", () => {
  it("a direction no policy selects is not isolated, with one reason and no policy", () => {
    const { egress } = explain("shop/web", "shop/api");
    expect(egress.isolated).toBe(false);
    expect(egress.reasons).toEqual([
      expect.objectContaining({ effect: "not-isolated", policy: null, rule: null, file: null, line: null }),
    ]);
  });

  it("an allowing rule is named with its policy, index, file and line", () => {
    const result = explain("shop/web", "shop/api");
    expect(result.allowed.toString()).toBe("TCP 9000");
    expect(result.ingress.reasons).toContainEqual(
      expect.objectContaining({
        effect: "allows",
        policy: "NetworkPolicy shop/api-in",
        rule: 0,
        file: "policies.yaml",
        line: 7,
      }),
    );
  });

  it("a selecting policy with no rules for the direction isolates and says so", () => {
    const reason = explain("shop/web", "shop/api").ingress.reasons.find(
      (r) => r.policy === "NetworkPolicy shop/api-deny",
    );
    expect(reason).toMatchObject({ effect: "isolates", rule: null, line: 10 });
    expect(reason?.detail).toBe("selects these pods and has no ingress rules, so it allows nothing");
  });

  it("a rule whose peers match but whose ports do not is named", () => {
    const reason = explain("shop/web", "shop/api", 80).ingress.reasons.find(
      (r) => r.policy === "NetworkPolicy shop/api-in",
    );
    expect(reason).toMatchObject({ effect: "isolates", rule: 0 });
    expect(reason?.detail).toBe("ingress rule 1 admits shop/web[Deployment], but not on these ports");
  });

  it("a policy none of whose rules admit the peer says so", () => {
    const reason = explain("0.0.0.0/0", "shop/api").ingress.reasons.find(
      (r) => r.policy === "NetworkPolicy shop/api-in",
    );
    expect(reason).toMatchObject({ effect: "isolates", rule: null });
    expect(reason?.detail).toBe("no ingress rule admits 0.0.0.0/0");
  });

  it("a queried port restricts the verdict", () => {
    expect(explain("shop/web", "shop/api", 9000).allowed.toString()).toBe("TCP 9000");
    expect(explain("shop/web", "shop/api", 80).allowed.isEmpty()).toBe(true);
  });

  it("an address lands in the external range that contains it", () => {
    expect(explain("203.0.113.7", "shop/web").from).toBe("0.0.0.0/0");
  });

  it("an unknown endpoint is an error value with a suggestion", () => {
    const result = explainFlow(tree(files), { from: "shop/we", to: "shop/api" });
    expect(result).toEqual({
      error: "no workload or endpoint named shop/we (did you mean shop/web[Deployment]?)",
    });
  });
});

describe("explain JSON with an admin policy deciding part of a flow", () => {
  it("names the admin Deny as isolates and keeps the default's not-isolated reason for the rest", () => {
    const anp = `apiVersion: policy.networking.k8s.io/v1alpha1
kind: AdminNetworkPolicy
metadata: { name: no-ssh }
spec:
  priority: 1
  subject: { namespaces: { matchLabels: { kubernetes.io/metadata.name: shop } } }
  ingress:
  - { name: ssh, action: Deny, from: [{ namespaces: {} }], ports: [{ portNumber: { protocol: TCP, port: 22 } }] }
`;
    const result = explainFlow(tree({ "workloads.yaml": files["workloads.yaml"], "anp.yaml": anp }), {
      from: "shop/api",
      to: "shop/web",
    });
    if ("error" in result) throw new Error(result.error);
    const json = flowJson(result);
    expect(json.allowed).toEqual(PortSet.ALL.subtract(PortSet.port("TCP", 22)).ranges());
    const ingress = json.reasons.filter((r) => r.direction === "ingress");
    expect(ingress.map((r) => [r.effect, r.policy])).toEqual([
      ["isolates", "AdminNetworkPolicy no-ssh"],
      ["not-isolated", null],
    ]);
  });
});
