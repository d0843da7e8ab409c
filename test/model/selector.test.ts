import { describe, expect, it } from "vitest";
import { describeSelector, makeSelector, selectorKey, selectorMatches } from "../../src/model/selector.js";

const sel = (op: "In" | "NotIn" | "Exists" | "DoesNotExist", values: string[] = []) =>
  makeSelector(undefined, [{ key: "tier", operator: op, values }]);

describe("label selectors", () => {
  it("the empty selector {} matches every pod", () => {
    expect(selectorMatches(makeSelector({}, []), {})).toBe(true);
    expect(selectorMatches(makeSelector(undefined, undefined), { app: "x" })).toBe(true);
  });

  it("matchLabels requires every label with the exact value", () => {
    const s = makeSelector({ app: "web", tier: "fe" }, []);
    expect(selectorMatches(s, { app: "web", tier: "fe", extra: "1" })).toBe(true);
    expect(selectorMatches(s, { app: "web" })).toBe(false);
    expect(selectorMatches(s, { app: "Web", tier: "fe" })).toBe(false);
  });

  it("matchExpressions In matches a listed value only", () => {
    expect(selectorMatches(sel("In", ["a", "b"]), { tier: "b" })).toBe(true);
    expect(selectorMatches(sel("In", ["a", "b"]), {})).toBe(false);
  });

  it("matchExpressions NotIn matches pods without the label", () => {
    expect(selectorMatches(sel("NotIn", ["a"]), {})).toBe(true);
    expect(selectorMatches(sel("NotIn", ["a"]), { tier: "a" })).toBe(false);
    expect(selectorMatches(sel("NotIn", ["a"]), { tier: "c" })).toBe(true);
  });

  it("matchExpressions Exists and DoesNotExist look at the key only", () => {
    expect(selectorMatches(sel("Exists"), { tier: "" })).toBe(true);
    expect(selectorMatches(sel("Exists"), {})).toBe(false);
    expect(selectorMatches(sel("DoesNotExist"), {})).toBe(true);
    expect(selectorMatches(sel("DoesNotExist"), { tier: "x" })).toBe(false);
  });

  it("matchLabels and matchExpressions together must all hold", () => {
    const s = makeSelector({ app: "web" }, [{ key: "tier", operator: "NotIn", values: ["test"] }]);
    expect(selectorMatches(s, { app: "web", tier: "prod" })).toBe(true);
    expect(selectorMatches(s, { app: "web", tier: "test" })).toBe(false);
  });

  it("matchLabels {a: x} and the expression a In [x] are the same selector", () => {
    expect(selectorKey(makeSelector({ a: "x" }, []))).toBe(
      selectorKey(makeSelector(undefined, [{ key: "a", operator: "In", values: ["x"] }])),
    );
  });

  it("describes selectors in plain words", () => {
    expect(
      describeSelector(
        makeSelector({ app: "web" }, [{ key: "legacy", operator: "DoesNotExist", values: [] }]),
      ),
    ).toBe("app=web, !legacy");
    expect(describeSelector(makeSelector({}, []))).toBe("all");
  });
});
