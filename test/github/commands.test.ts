import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { appDependencies } from "../../src/github/dependencies.js";
import { replyBody } from "../../src/github/runners/command-runner.js";
import { commentEvent } from "./helpers/events.js";
import { fakeEngine } from "./helpers/fake-engine.js";
import { FakeGitHub } from "./helpers/fake-github.js";
import { deploymentYaml, policyYaml } from "./helpers/manifests.js";
import { interceptGitHub, resetNock } from "./helpers/nock-github.js";
import { type TestApp, testApp } from "./helpers/test-app.js";

let gh: FakeGitHub;
let app: TestApp;

beforeEach(async () => {
  gh = new FakeGitHub();
  interceptGitHub(gh);
  app = await testApp(appDependencies(fakeEngine()));
  const baseFiles = {
    "deploy/db.yaml": deploymentYaml("shop", "db", "db", 5432),
    "deploy/web.yaml": deploymentYaml("shop", "web"),
  };
  const base = gh.commit(baseFiles);
  const head = gh.commit({ ...baseFiles, "deploy/allow-web-db.yaml": policyYaml("shop", "allow-web-db") });
  gh.pull({ number: 7, base: { ref: "main", sha: base }, head: { ref: "allow-web-db", sha: head } });
});

afterEach(() => {
  resetNock();
});

const COMMENT_ID = 3300000001;

async function comment(
  body: string,
  options: Parameters<typeof commentEvent>[0] extends infer O ? Omit<O, "body"> : never = {},
) {
  await app.receive("issue_comment", commentEvent({ body, ...options }));
}

/** The one reply the app posted. */
function reply(): string {
  const posts = gh
    .writes()
    .filter(
      (r) =>
        r.path === "/repos/octo-org/shop/issues/7/comments" &&
        FakeGitHub.commentBody(r).includes("netpol-review:reply"),
    );
  expect(posts).toHaveLength(1);
  return FakeGitHub.commentBody(posts[0]);
}

describe("slash commands", () => {
  it("/netpol help: an eyes reaction, then a reply quoting the command with the usage", async () => {
    await comment("/netpol help");
    expect(gh.writes().map((r) => `${r.method} ${r.path}`)).toEqual([
      `POST /repos/octo-org/shop/issues/comments/${COMMENT_ID}/reactions`,
      "POST /repos/octo-org/shop/issues/7/comments",
    ]);
    expect(gh.writes()[0]?.body).toEqual({ content: "eyes" });
    expect(reply()).toMatchInlineSnapshot(`
      "<!-- netpol-review:reply -->
      > \`/netpol help\`

      **netpol-review commands**: write each on its own line of a pull request comment (not in a code block).

      | Command | What it does |
      | --- | --- |
      | \`/netpol explain\` | Why each opened or closed path changed: the policy and rule, before and after. |
      | \`/netpol explain <src> <dst> [port[/proto]]\` | The verdict for one flow at base and at head, with every deciding policy and rule, e.g. \`/netpol explain shop/frontend shop/backend 8080/TCP\`. |
      | \`/netpol recheck\` | Run the review again (needs write access to the repository). |
      | \`/netpol help\` | This list. |

      Workloads are written \`namespace/name\` (\`shop/web\`); an IP address stands for the world outside the cluster. The port is a number, optionally with \`/TCP\`, \`/UDP\` or \`/SCTP\` (TCP by default).
      "
    `);
  });

  it("/netpol explain: why each path changed, from the review of merge base and head", async () => {
    await comment("/netpol explain");
    expect(gh.calls()).toEqual([
      `POST /repos/octo-org/shop/issues/comments/${COMMENT_ID}/reactions`,
      "GET /repos/octo-org/shop/pulls/7",
      "GET /repos/octo-org/shop/contents/.github/netpol-review.yml",
      expect.stringMatching(/^GET \/repos\/octo-org\/shop\/compare\//),
      expect.stringMatching(/^GET \/repos\/octo-org\/shop\/git\/trees\//),
      expect.stringMatching(/^GET \/repos\/octo-org\/shop\/git\/blobs\//),
      expect.stringMatching(/^GET \/repos\/octo-org\/shop\/git\/blobs\//),
      expect.stringMatching(/^GET \/repos\/octo-org\/shop\/git\/blobs\//),
      expect.stringMatching(/^GET \/repos\/octo-org\/shop\/git\/trees\//),
      "POST /repos/octo-org/shop/issues/7/comments",
    ]);
    expect(reply()).toMatchInlineSnapshot(`
      "<!-- netpol-review:reply -->
      > \`/netpol explain\`

      explained 1 opened, 0 closed; first link https://github.com/octo-org/shop/blob/dc30038a0b901dfb5eeccfd65c407c5878380c96/a.yaml#L3
      "
    `);
  });

  it("/netpol explain <src> <dst> <port>: the verdict at base and at head", async () => {
    await comment("/netpol explain shop/web shop/db 5432/TCP");
    expect(reply()).toMatchInlineSnapshot(`
      "<!-- netpol-review:reply -->
      > \`/netpol explain shop/web shop/db 5432/TCP\`

      At the merge base \`91f9b13\` and the head \`dc30038\`:

      flow shop/web -> shop/db on 5432/TCP: base All Connections, head No Connections

      changes: opened 0, closed 0
      "
    `);
  });

  it("/netpol explain of a workload that exists on neither side gets the reason and the usage", async () => {
    await comment("/netpol explain shop/web shop/nope");
    expect(reply()).toContain("Cannot explain this flow: no workload shop/nope.");
    expect(reply()).toContain("**netpol-review commands**");
  });

  it("/netpol explain from someone who is neither the author nor triage or more gets who may run it, and nothing is fetched", async () => {
    gh.roles.set("mallory", "read");
    await comment("/netpol explain\n/netpol explain shop/web shop/db", { author: "mallory" });
    expect(reply()).toContain(
      "Only the pull request's author and people with triage, write, maintain or admin access to the repository can run `/netpol explain`; `mallory` has `read` access.",
    );
    expect(gh.calls().some((c) => c.includes("/git/"))).toBe(false);
  });

  it("/netpol explain from a triager (not the author) is answered", async () => {
    gh.roles.set("tara", "triage");
    await comment("/netpol explain", { author: "tara" });
    expect(reply()).toContain("explained 1 opened, 0 closed");
  });

  it("commands of one pull request are answered one at a time, in the order they came", async () => {
    const trees = gh.hold("GET", /\/git\/trees\//);
    const first = comment("/netpol explain", { commentId: 1 });
    await trees.arrived;
    const second = comment("/netpol help", { commentId: 2 });
    // The second waits for the first, whose analysis is held.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(gh.writes().filter((r) => r.path.endsWith("/issues/7/comments"))).toHaveLength(0);
    trees.release();
    await Promise.all([first, second]);
    const replies = gh
      .writes()
      .filter((r) => r.path.endsWith("/issues/7/comments"))
      .map(FakeGitHub.commentBody);
    expect(replies.map((body) => body.split("\n")[1])).toEqual(["> `/netpol explain`", "> `/netpol help`"]);
  });

  it("several commands get one reply, trees fetched once", async () => {
    await comment("/netpol explain\nand also\n/netpol explain shop/web shop/db\n/netpol help");
    const body = reply();
    expect(body.match(/^> `\/netpol/gm)).toHaveLength(3);
    expect(body.split("\n---\n")).toHaveLength(3);
    expect(gh.calls().filter((c) => c.includes("/git/trees/"))).toHaveLength(2);
  });

  it("unknown commands and bad arguments get the usage", async () => {
    await comment("/netpol frobnicate\n/netpol explain shop/web shop/db 99999");
    const body = reply();
    expect(body).toContain('Unknown command "frobnicate".');
    expect(body).toContain("Port 99999 is outside 1-65535.");
    expect(body.match(/\*\*netpol-review commands\*\*/g)).toHaveLength(2);
  });

  it("a quoted command line cannot inject Markdown or mentions", async () => {
    await comment("/netpol <img src=x> @everyone `tick`");
    // Code spans render neither HTML nor mentions; the rest is escaped.
    expect(reply()).toContain("> `` /netpol <img src=x> @everyone `tick` ``");
    expect(reply()).toContain('Unknown command "&lt;img".');
  });

  it("a mention in the answer's text is shown as a code span, which pings nobody", async () => {
    await comment("/netpol @everyone");
    const body = reply();
    // The quoted command is a code span (no mention there); so is the word the answer repeats.
    expect(body).toContain("> `/netpol @everyone`");
    expect(body).toContain('Unknown command "`@everyone`".');
    const outsideCode = body.replace(/`[^`\n]*`/g, "");
    expect(outsideCode).not.toMatch(/@everyone/);
  });

  it("an invalid configuration is the answer to explain", async () => {
    gh.configs.set("main", "comment: sometimes\n");
    await comment("/netpol explain");
    expect(reply()).toContain("The configuration is invalid, so nothing can be explained:");
    expect(reply()).toContain("key `comment`");
  });

  it("a command that fails is answered with why, and logged with the delivery id", async () => {
    gh.fail("GET", /\/git\/trees\//, 500);
    await app.receive(
      "issue_comment",
      commentEvent({ body: "/netpol explain\n/netpol help" }),
      "delivery-cmd",
    );
    const body = reply();
    expect(body).toContain(
      "Could not answer this command: GitHub API error 500 on GET /repos/octo-org/shop/git/trees/",
    );
    expect(body).toContain("delivery id `delivery-cmd`");
    expect(body).toContain("**netpol-review commands**");
    expect(app.logs.find((l) => l.level === "error")?.fields).toMatchObject({ deliveryId: "delivery-cmd" });
  });
});

describe("the reply", () => {
  it("still comes when the reaction fails", async () => {
    gh.fail("POST", /\/reactions$/, 403);
    await comment("/netpol help");
    expect(reply()).toContain("**netpol-review commands**");
    expect(app.logs.find((l) => l.level === "warn")?.message).toContain("could not react to the comment");
  });

  it("keeps within GitHub's comment limit by naming the answers that did not fit, never cutting one", () => {
    const body = replyBody(["a".repeat(30_000), "b".repeat(30_000), "c".repeat(30_000), "d"]);
    expect(body.length).toBeLessThanOrEqual(65_536);
    expect(body).toContain("b".repeat(30_000));
    expect(body).not.toContain("ccc");
    expect(
      body.endsWith("2 more answers did not fit in one comment: ask for them in a separate comment.\n"),
    ).toBe(true);
  });
});

describe("/netpol recheck", () => {
  it.each(["admin", "maintain", "write"] as const)(
    "runs the review again for a collaborator with %s",
    async (role) => {
      gh.roles.set("bob", role);
      await comment("/netpol recheck");
      expect(gh.calls().slice(0, 4)).toEqual([
        `POST /repos/octo-org/shop/issues/comments/${COMMENT_ID}/reactions`,
        "GET /repos/octo-org/shop/collaborators/bob/permission",
        "GET /repos/octo-org/shop/pulls/7",
        "POST /repos/octo-org/shop/check-runs",
      ]);
      expect(gh.checkRuns).toEqual([
        expect.objectContaining({ status: "completed", conclusion: "failure", external_id: "7" }),
      ]);
      expect(reply()).toMatch(
        /Re-ran the review of `[0-9a-f]{7}`: the `netpol-review` check concluded \*\*failure\*\* \(1 opened, 0 closed\)\.$/m,
      );
    },
  );

  it.each([
    ["triage", "`triage`"],
    ["read", "`read`"],
    [undefined, "`none`"],
  ] as const)("is refused to %s", async (role, shown) => {
    if (role) gh.roles.set("bob", role);
    await comment("/netpol recheck");
    expect(gh.checkRuns).toEqual([]);
    expect(reply()).toContain(
      `Only people with write, maintain or admin access to the repository can run \`/netpol recheck\`; \`bob\` has ${shown} access.`,
    );
  });
});

describe("comments that are ignored", () => {
  it.each([
    ["from a bot", { authorType: "Bot" as const, author: "dependabot[bot]" }],
    ["edited", { action: "edited" }],
    ["on a plain issue", { onPlainIssue: true }],
  ])("a command %s", async (_what, options) => {
    await comment("/netpol recheck", options);
    expect(gh.requests).toEqual([]);
  });

  it("this app's own replies and comments", async () => {
    await comment("<!-- netpol-review:reply -->\n/netpol help");
    await comment("<!-- fake-netpol-review -->\n/netpol help");
    expect(gh.requests).toEqual([]);
  });

  it("a comment without a command", async () => {
    await comment("LGTM\n```\n/netpol recheck\n```");
    expect(gh.requests).toEqual([]);
  });

  it("a command hidden in an HTML comment, which readers cannot see", async () => {
    gh.roles.set("bob", "admin");
    await comment("LGTM\n<!--\n/netpol recheck\n-->");
    expect(gh.requests).toEqual([]);
  });
});
