import { describe, expect, it } from "vitest";
import { appIdentity, isOwnComment } from "../../src/github/app-identity.js";
import { appIdFromEnvironment } from "../../src/github/dependencies.js";

describe("the app's identity", () => {
  it("comes from APP_ID and from the app that owns the check run", () => {
    expect(appIdFromEnvironment({ APP_ID: "123" })).toBe(123);
    expect(appIdFromEnvironment({})).toBeUndefined();
    expect(appIdFromEnvironment({ APP_ID: "not a number" })).toBeUndefined();
    expect(appIdentity(123, { id: 123, slug: "netpol-review" })).toEqual({
      id: 123,
      login: "netpol-review[bot]",
    });
    // APP_ID alone (a check run response without `app`), or the check run alone.
    expect(appIdentity(123, undefined)).toEqual({ id: 123 });
    expect(appIdentity(undefined, { id: 7, slug: "x" })).toEqual({ id: 7, login: "x[bot]" });
  });

  it("a comment is the app's when made through the app or by its bot account, never by its marker", () => {
    const identity = { id: 123, login: "netpol-review[bot]" };
    const bot = { login: "netpol-review[bot]", type: "Bot" };
    expect(isOwnComment({ user: bot, performed_via_github_app: { id: 123 } }, identity)).toBe(true);
    expect(isOwnComment({ user: bot, performed_via_github_app: null }, identity)).toBe(true);
    expect(
      isOwnComment(
        { user: { login: "ci[bot]", type: "Bot" }, performed_via_github_app: { id: 123 } },
        { id: 123 },
      ),
    ).toBe(true);
    expect(
      isOwnComment(
        { user: { login: "other[bot]", type: "Bot" }, performed_via_github_app: { id: 9 } },
        identity,
      ),
    ).toBe(false);
    expect(isOwnComment({ user: { login: "mallory", type: "User" } }, identity)).toBe(false);
    expect(isOwnComment({ user: null }, identity)).toBe(false);
    // Nothing known about the app: nothing is its own (fails closed: a new comment, not a hijacked one).
    expect(isOwnComment({ user: bot, performed_via_github_app: { id: 123 } }, {})).toBe(false);
  });
});
