import { describe, expect, it } from "vitest";
import { buildReview } from "../../../src/analysis/review/build.js";
import type { PathGroup } from "../../../src/analysis/review/types.js";
import { examplePlainTree } from "../../helpers/example-trees.js";

const line = (g: PathGroup) =>
  `${g.src.label}${g.src.change ? ` (${g.src.change})` : ""} -> ${g.dst.label} : ${g.ports} <- ${g.causes.map((c) => `${c.kind} ${c.object} ${c.file}:${c.line}`).join("; ")}`;

describe("the review of examples/before -> examples/after (the scenario in examples/README.md)", async () => {
  const review = buildReview({
    base: await examplePlainTree("before"),
    head: await examplePlainTree("after"),
    baseRevision: { label: "before" },
    headRevision: { label: "after" },
  });

  it("opens the intended reporting paths and the mistaken cluster-wide access to the backend, each with its cause", () => {
    expect(review.opened.map(line)).toEqual([
      "all pods in namespace ingress-nginx -> shop/backend[Deployment] : TCP 8080 <- policy-changed NetworkPolicy shop/backend-ingress shop/policies.yaml:99",
      "any other pod in the cluster -> shop/backend[Deployment] : TCP 8080 <- policy-changed NetworkPolicy shop/backend-ingress shop/policies.yaml:99",
      "payments/reporting[CronJob] (added) -> data/postgres[StatefulSet] : TCP 5432 <- workload-added CronJob payments/reporting payments/reporting.yaml:1; policy-added NetworkPolicy payments/reporting-egress payments/policies.yaml:111; policy-changed NetworkPolicy data/postgres-ingress data/policies.yaml:55",
      "payments/reporting[CronJob] (added) -> pods with k8s-app=kube-dns in namespace kube-system : TCP 53,UDP 53 <- workload-added CronJob payments/reporting payments/reporting.yaml:1",
      "payments/reporting[CronJob] (added) -> shop/backend[Deployment] : TCP 8080 <- workload-added CronJob payments/reporting payments/reporting.yaml:1; policy-added NetworkPolicy payments/reporting-egress payments/policies.yaml:121; policy-changed NetworkPolicy shop/backend-ingress shop/policies.yaml:99",
      "pods with k8s-app=kube-dns in namespace kube-system -> shop/backend[Deployment] : TCP 8080 <- policy-changed NetworkPolicy shop/backend-ingress shop/policies.yaml:99",
    ]);
  });

  it("closes the frontend (label change), the bastion (Service port) and half the card processor range", () => {
    expect(review.closed.map(line)).toEqual([
      "all pods in namespace ingress-nginx -> shop/frontend[Deployment] : TCP 3000 <- pod-labels-changed Deployment shop/frontend shop/frontend.yaml:1; selection-changed NetworkPolicy shop/allow-from-ingress-nginx shop/policies.yaml:57",
      "ops/bastion[Deployment] -> payments/admin-api[Deployment] : TCP 8443 <- policy-changed NetworkPolicy payments/admin-api-ingress payments/policies.yaml:146",
      "payments/payments-api[Deployment] -> 203.0.113.128/25 : TCP 443 <- policy-changed NetworkPolicy payments/payments-api-egress payments/policies.yaml:92",
    ]);
  });

  it("finds the new policy without a description and the Service port mistake, introduced by the change", () => {
    const introduced = review.findings
      .filter((f) => f.introduced)
      .map((f) => `${f.rule} ${f.object} ${f.file}:${f.line}`);
    expect(introduced).toContain(
      "missing-description NetworkPolicy payments/reporting-egress payments/policies.yaml:99",
    );
    expect(introduced).toContain(
      "service-port-not-pod-port NetworkPolicy payments/admin-api-ingress payments/policies.yaml:154",
    );
    expect(introduced).not.toContain(
      "missing-description NetworkPolicy ops/bastion-egress ops/policies.yaml:41",
    );
  });
});
