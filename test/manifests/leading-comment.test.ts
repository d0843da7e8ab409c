import { describe, expect, test } from "vitest";
import { load, yaml } from "./helpers.js";

describe("the comment block above an object", () => {
  test("is recorded on NetworkPolicies and admin policies: above the object and above metadata", () => {
    const tree = load(yaml`
      # Stray header
      ---
      # Web may call the API.
      # Owner: shop.
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      # Kept with the metadata.
      metadata: { name: web, namespace: shop }
      ---
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy

      # After a blank line, still right above metadata.
      metadata: { name: api, namespace: shop }
      ---
      # A comment, then a blank line.

      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: { name: db, namespace: shop }
      ---
      # Cluster guardrail.
      apiVersion: policy.networking.k8s.io/v1alpha1
      kind: AdminNetworkPolicy
      metadata: { name: guard }
      spec: { priority: 1, subject: { namespaces: {} } }
    `);
    expect(tree.diagnostics).toEqual([]);
    const byName = new Map(tree.policies.map((p) => [p.name, p.leadingComment]));
    expect(byName.get("web")).toBe("Web may call the API.\nOwner: shop.\nKept with the metadata.");
    expect(byName.get("api")).toBe("After a blank line, still right above metadata.");
    expect(byName.has("db")).toBe(true);
    expect(byName.get("db")).toBeUndefined();
    expect(tree.adminPolicies[0]?.leadingComment).toBe("Cluster guardrail.");
  });

  test("is recorded once when metadata is the object's first key, and for items of a List", () => {
    const tree = load(yaml`
      apiVersion: v1
      kind: List
      items:
        # Listed policy.
        - metadata: { name: listed, namespace: shop }
          apiVersion: networking.k8s.io/v1
          kind: NetworkPolicy
    `);
    expect(tree.diagnostics).toEqual([]);
    expect(tree.policies[0]?.leadingComment).toBe("Listed policy.");
  });

  test("is read the same from a file with CRLF line endings", () => {
    const text =
      "# Web may call the API.\r\napiVersion: networking.k8s.io/v1\r\nkind: NetworkPolicy\r\nmetadata: { name: web, namespace: shop }\r\n";
    const tree = load(text);
    expect(tree.diagnostics).toEqual([]);
    expect(tree.policies[0]?.leadingComment).toBe("Web may call the API.");
  });

  test("is read right after documents of kinds the review does not read (left out before parsing)", () => {
    const tree = load(yaml`
      apiVersion: v1
      kind: ConfigMap
      metadata: { name: settings, namespace: shop }
      data: { a: "1" }
      ---
      # Web may call the API.
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: { name: web, namespace: shop }
    `);
    expect(tree.diagnostics).toEqual([]);
    expect(tree.policies[0]?.leadingComment).toBe("Web may call the API.");
    expect(tree.policies[0]?.source.line).toBe(7);
  });
});
