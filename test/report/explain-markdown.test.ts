import { describe, expect, test } from "vitest";
import type { FlowExplanation } from "../../src/analysis/review/types.js";
import { PortSet } from "../../src/model/port-set.js";
import { renderChangeExplanation, renderFlowExplanation } from "../../src/report/explain-markdown.js";
import { FRONTEND_AT_BASE, FRONTEND_AT_HEAD, REPORTING_AT_HEAD } from "./flows.js";
import { markdownProblems, tables } from "./markdown-checks.js";
import { cause, EXAMPLE_REVIEW, endpoint, group, review, tcp } from "./reviews.js";

describe("renderFlowExplanation", () => {
  const frontend = renderFlowExplanation(
    { from: "ingress-nginx", to: "shop/frontend", port: "3000" },
    FRONTEND_AT_BASE,
    FRONTEND_AT_HEAD,
  );
  const [table] = tables(frontend);

  test("puts the verdict at base and at head side by side", () => {
    expect(table?.[0]).toEqual(["", "Base", "Head"]);
    expect(table?.[1]).toEqual(["Verdict", "✅ allowed on TCP 3000", "🚫 denied"]);
    expect(frontend).toContain("**Changed:** allowed on TCP 3000 at base, denied at head.");
    expect(markdownProblems(frontend)).toEqual([]);
  });

  test("explains a direction that no policy isolates", () => {
    expect(table?.[2]).toEqual([
      "Egress from ingress-nginx/[all pods]",
      "not isolated<br>⚪ no NetworkPolicy selects these pods for egress",
      "not isolated<br>⚪ no NetworkPolicy selects these pods for egress",
    ]);
  });

  test("names the policy and rule that allow the flow, with file:line", () => {
    expect(table?.[3]?.[1]).toBe(
      "isolated, allows TCP 3000<br>✅ NetworkPolicy shop/allow-from-ingress-nginx (shop/policies.yaml:57): ingress rule 1 admits all pods in namespace ingress-nginx on TCP 3000",
    );
  });

  test("names every policy that isolates the pod and why it admits none of the flow", () => {
    expect(table?.[3]?.[2]).toBe(
      "isolated, allows nothing" +
        "<br>🚫 NetworkPolicy shop/default-deny (shop/policies.yaml:1): selects these pods and has no ingress rules, so it allows nothing" +
        "<br>🚫 NetworkPolicy shop/allow-prometheus-scrape (shop/policies.yaml:130): no ingress rule admits all pods in namespace ingress-nginx",
    );
  });

  test("says when a side has no such flow (a workload the change adds)", () => {
    const reply = renderFlowExplanation(
      { from: "payments/reporting", to: "data/postgres" },
      null,
      REPORTING_AT_HEAD,
    );
    const [rows] = tables(reply);
    expect(rows?.[1]).toEqual(["Verdict", "not found at base", "✅ allowed on TCP 5432"]);
    expect(rows?.[2]?.[1]).toBe("—");
    expect(reply).toContain("**Changed:** not found at base, allowed on TCP 5432 at head.");
  });

  test("says when the verdict did not change", () => {
    const reply = renderFlowExplanation({ from: "a", to: "b" }, FRONTEND_AT_BASE, FRONTEND_AT_BASE);
    expect(reply).toContain("**Unchanged:** allowed on TCP 3000 at base and at head.");
  });

  test("words an empty detail from the reason's structured fields", () => {
    const bare: FlowExplanation = {
      ...FRONTEND_AT_BASE,
      allowed: PortSet.ALL,
      ingress: {
        ...FRONTEND_AT_BASE.ingress,
        reasons: [
          {
            ...(FRONTEND_AT_BASE.ingress.reasons[0] as FlowExplanation["ingress"]["reasons"][number]),
            detail: "",
          },
        ],
      },
    };
    const reply = renderFlowExplanation({ from: "a", to: "b" }, bare, bare);
    expect(reply).toContain("(`shop/policies.yaml:57`): ingress rule 1 allows TCP 3000");
    expect(tables(reply)[0]?.[1]?.[1]).toBe("✅ all traffic allowed");
  });

  test("links locations to the right revision when given a link builder", () => {
    const reply = renderFlowExplanation({ from: "a", to: "b" }, FRONTEND_AT_BASE, FRONTEND_AT_HEAD, {
      sourceLink: ({ file, line, side }) => `https://example.com/${side}/${file}#L${line}`,
    });
    expect(reply).toContain("[`shop/policies.yaml:57`](https://example.com/base/shop/policies.yaml#L57)");
    expect(reply).toContain("[`shop/policies.yaml:1`](https://example.com/head/shop/policies.yaml#L1)");
  });
});

describe("renderChangeExplanation", () => {
  const reply = renderChangeExplanation(EXAMPLE_REVIEW);

  test("explains every opened and closed group with its verdict and causes", () => {
    expect(reply.match(/^\*\*➕ Opened:\*\*/gm)).toHaveLength(6);
    expect(reply.match(/^\*\*➖ Closed:\*\*/gm)).toHaveLength(3);
    expect(reply).toContain(
      "**➖ Closed:** ops/bastion\\[Deployment\\] → payments/admin-api\\[Deployment\\] on TCP 8443\n\n" +
        "Allowed at base, denied at head. What changed:\n\n" +
        "- NetworkPolicy payments/admin-api-ingress: ingress rule 1 no longer allows this traffic (`payments/policies.yaml:113` at base)",
    );
    expect(markdownProblems(reply)).toEqual([]);
  });

  test("counts the paths (endpoint pairs) a grouped line stands for", () => {
    const ns = review({
      opened: [
        group(
          { kind: "namespace", label: "monitoring/*", endpointIds: ["m/a", "m/b"] },
          { kind: "namespace", label: "shop/*", endpointIds: ["s/a", "s/b", "s/c"] },
          tcp(9090),
          [
            cause(
              "policy-changed",
              "NetworkPolicy shop/allow-scrape",
              "shop/policies.yaml:3",
              "ingress rule 1 now allows this traffic",
            ),
          ],
        ),
      ],
    });
    expect(renderChangeExplanation(ns)).toContain("Denied at base, allowed at head (6 paths). What changed:");
  });

  test("says a path was not present, rather than denied, where one of its ends does not exist", () => {
    const retired = review({
      closed: [
        group(endpoint("shop/old[Deployment]", "removed"), endpoint("db/pg[StatefulSet]"), tcp(5432), [
          cause("workload-removed", "Deployment shop/old", "shop/old.yaml:1", "workload removed", "base"),
        ]),
      ],
    });
    expect(renderChangeExplanation(retired)).toContain(
      "**➖ Closed:** shop/old\\[Deployment\\] _(removed)_ → db/pg\\[StatefulSet\\] on TCP 5432\n\n" +
        "Allowed at base, not present at head. What changed:\n\n" +
        "- Deployment shop/old: workload removed (`shop/old.yaml:1` at base)",
    );
  });

  test("admits when no change in the manifests explains a path", () => {
    const unexplained = review({ closed: [group(endpoint("a/x"), endpoint("b/y"), tcp(1), [])] });
    expect(renderChangeExplanation(unexplained)).toContain(
      "- _No change in the manifests explains it (cluster context or a change outside the compared files?)._",
    );
  });

  test("says there is nothing to explain when nothing changed", () => {
    expect(renderChangeExplanation(review({}))).toBe(
      "### Why each path changed\n\n" +
        "Comparing `main` (`4b1d6e0`) → `feature` (`9e8d7c6`): 0 paths opened, 0 closed · 25 policies, 7 workloads\n\n" +
        "No paths opened or closed: nothing to explain.",
    );
  });
});
