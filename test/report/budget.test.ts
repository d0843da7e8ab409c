import { describe, expect, test } from "vitest";
import { fitToLimit, measure, shrinkingCaps } from "../../src/report/budget.js";

describe("fitToLimit", () => {
  test("returns the most detailed rendering that fits", () => {
    const render = (n: number) => "x".repeat(n);
    expect(fitToLimit(10, [20, 15, 8, 2], render, () => "fallback")).toBe("x".repeat(8));
  });

  test("falls back when nothing fits, and cuts a too-long fallback at a line end", () => {
    expect(
      fitToLimit(
        5,
        [10],
        (n) => "x".repeat(n),
        () => "ok",
      ),
    ).toBe("ok");
    expect(
      fitToLimit(
        7,
        [10],
        (n) => "x".repeat(n),
        () => "abc\ndef\nghi",
      ),
    ).toBe("abc\ndef");
  });

  test("measures UTF-8 bytes, never fewer than the characters GitHub counts", () => {
    expect(measure("abc")).toBe(3);
    expect(measure("é")).toBe(2);
    expect(measure("😀")).toBe(4);
    expect(measure("\u200d")).toBe(3);
  });
});

describe("shrinkingCaps", () => {
  test("halves down to one item, then none", () => {
    expect(shrinkingCaps(100)).toEqual([100, 50, 25, 12, 6, 3, 1, 0]);
    expect(shrinkingCaps(1)).toEqual([1, 0]);
  });
});
