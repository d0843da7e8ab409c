import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { defaultEngine } from "../../src/github/default-engine.js";
import { appDependencies } from "../../src/github/dependencies.js";
import { COMMENT_MARKER } from "../../src/report/comment.js";
import { readTree } from "../helpers/read-tree.js";
import { commentEvent, pullRequestEvent } from "./helpers/events.js";
import { FakeGitHub } from "./helpers/fake-github.js";
import { interceptGitHub, resetNock } from "./helpers/nock-github.js";
import { type TestApp, testApp } from "./helpers/test-app.js";

// The app with the real engine and renderers, on a small repository
// (test/fixtures/github/repo/{base,head}): the pull request adds an undocumented policy that lets
// shop/web reach shop/db on the named port `postgres`.

const REPO = fileURLToPath(new URL("../fixtures/github/repo/", import.meta.url));

let gh: FakeGitHub;
let app: TestApp;
let base: string;
let head: string;

beforeEach(async () => {
  gh = new FakeGitHub();
  interceptGitHub(gh);
  app = await testApp(appDependencies(defaultEngine));
  base = gh.commit(readTree(join(REPO, "base")));
  head = gh.commit(readTree(join(REPO, "head")));
  gh.pull({ number: 7, base: { ref: "main", sha: base }, head: { ref: "allow-web-db", sha: head } });
});

afterEach(() => {
  resetNock();
});

describe("end to end, with the real engine", () => {
  it("reviews the pull request: check run, sticky comment and an inline comment on the new policy", async () => {
    await app.receive("pull_request", pullRequestEvent({ headSha: head, baseSha: base }));
    const run = gh.checkRuns[0];
    // missing-description is a warning by default, and the check fails on errors by default.
    expect(run).toMatchObject({ status: "completed", conclusion: "success", external_id: "7" });
    expect(run?.output?.title).toMatchInlineSnapshot(`"1 path opened, 0 closed, 1 finding"`);
    expect(run?.output?.summary).toContain(head.slice(0, 7));
    expect(run?.output?.summary).toContain(base.slice(0, 7));
    expect(run?.annotations).toMatchInlineSnapshot(`
      [
        {
          "annotation_level": "warning",
          "end_line": 12,
          "message": "No kubernetes.io/description or netpol-review/description annotation, and no comment right above it, says why this policy exists; reviewers cannot tell whether the traffic it allows or denies is intended.

      Fix: Add a kubernetes.io/description annotation under metadata.annotations (or a comment right above the policy) saying what the policy is for and who relies on it.",
          "path": "deploy/policies.yaml",
          "start_line": 12,
          "title": "missing-description: NetworkPolicy shop/allow-web-to-db",
        },
      ]
    `);

    const comment = gh.issueComments[0]?.body ?? "";
    expect(comment.startsWith(COMMENT_MARKER)).toBe(true);
    expect(comment).toContain("shop/web");
    expect(comment).toContain(`https://github.com/octo-org/shop/blob/${head}/deploy/policies.yaml#L`);

    expect(
      gh.reviewComments.map((c) => ({ path: c.path, line: c.line, start: c.body.split("\n")[0] })),
    ).toMatchInlineSnapshot(`
      [
        {
          "line": 12,
          "path": "deploy/policies.yaml",
          "start": "**warning** \`missing-description\`: No kubernetes.io/description or netpol-review/description annotation, and no comment right above it, says why this policy exists; reviewers cannot tell whether the traffic it allows or denies is intended.",
        },
      ]
    `);
  });

  it("fails the check when the configuration makes a missing description an error", async () => {
    gh.configs.set("main", "rules:\n  missing-description: error\n");
    await app.receive("pull_request", pullRequestEvent({ headSha: head, baseSha: base }));
    expect(gh.checkRuns[0]).toMatchObject({ status: "completed", conclusion: "failure" });
    expect(gh.checkRuns[0]?.output?.summary).toMatch(
      /^\*\*This check fails\*\* because the pull request:\n- introduces 1 finding of severity error/,
    );
    expect(gh.checkRuns[0]?.annotations).toEqual([
      expect.objectContaining({ annotation_level: "failure", path: "deploy/policies.yaml" }),
    ]);
  });

  it("answers /netpol explain and a flow explanation in one reply", async () => {
    await app.receive(
      "issue_comment",
      commentEvent({ body: "/netpol explain\n/netpol explain shop/web shop/db 5432/TCP" }),
    );
    const reply = FakeGitHub.commentBody(gh.writes().find((r) => r.path.endsWith("/issues/7/comments")));
    expect(reply).toContain("### Why each path changed");
    expect(reply).toContain("allow-web-to-db");
    expect(reply).toMatch(/### `shop\/web` → `shop\/db` on `5432\/TCP`/);
    expect(reply).toMatchInlineSnapshot(`
      "<!-- netpol-review:reply -->
      > \`/netpol explain\`

      ### Why each path changed

      Comparing \`merge base with main\` (\`3a9efbc\`) → \`allow-web-db\` (\`0de2435\`): 1 path opened, 0 closed · policies 1 → 2, 2 workloads

      **➕ Opened:** shop/web\\[Deployment\\] → shop/db\\[Deployment\\] on TCP 5432

      Denied at base, allowed at head. What changed:

      - NetworkPolicy shop/allow-web-to-db: new policy; its ingress rule 1 allows this traffic ([\`deploy/policies.yaml:22\`](https://github.com/octo-org/shop/blob/0de243519630e4e5411d9427dfa867a8c4b466f4/deploy/policies.yaml#L22))

      Before and after:

      |  | Base | Head |
      | --- | --- | --- |
      | **Verdict** | 🚫 denied | ✅ allowed on TCP 5432 |
      | **Egress** from \`shop/web[Deployment]\` | _not isolated_<br>⚪ no NetworkPolicy selects these pods for egress | _not isolated_<br>⚪ no NetworkPolicy selects these pods for egress |
      | **Ingress** to \`shop/db[Deployment]\` | _isolated, allows nothing_<br>🚫 NetworkPolicy shop/default-deny ([\`deploy/policies.yaml:1\`](https://github.com/octo-org/shop/blob/3a9efbc718cc78d818f758ff6853d993b4014a2a/deploy/policies.yaml#L1)): selects these pods and has no ingress rules, so it allows nothing | _isolated, allows TCP 5432_<br>✅ NetworkPolicy shop/allow-web-to-db ([\`deploy/policies.yaml:22\`](https://github.com/octo-org/shop/blob/0de243519630e4e5411d9427dfa867a8c4b466f4/deploy/policies.yaml#L22)): ingress rule 1 admits shop/web\\[Deployment\\] on TCP 5432<br>🚫 NetworkPolicy shop/default-deny ([\`deploy/policies.yaml:1\`](https://github.com/octo-org/shop/blob/0de243519630e4e5411d9427dfa867a8c4b466f4/deploy/policies.yaml#L1)): selects these pods and has no ingress rules, so it allows nothing |

      ---

      > \`/netpol explain shop/web shop/db 5432/TCP\`

      At the merge base \`3a9efbc\` and the head \`0de2435\`:

      ### \`shop/web\` → \`shop/db\` on \`5432/TCP\`

      |  | Base | Head |
      | --- | --- | --- |
      | **Verdict** | 🚫 denied | ✅ allowed on TCP 5432 |
      | **Egress** from \`shop/web[Deployment]\` | _not isolated_<br>⚪ no NetworkPolicy selects these pods for egress | _not isolated_<br>⚪ no NetworkPolicy selects these pods for egress |
      | **Ingress** to \`shop/db[Deployment]\` | _isolated, allows nothing_<br>🚫 NetworkPolicy shop/default-deny ([\`deploy/policies.yaml:1\`](https://github.com/octo-org/shop/blob/3a9efbc718cc78d818f758ff6853d993b4014a2a/deploy/policies.yaml#L1)): selects these pods and has no ingress rules, so it allows nothing | _isolated, allows TCP 5432_<br>✅ NetworkPolicy shop/allow-web-to-db ([\`deploy/policies.yaml:22\`](https://github.com/octo-org/shop/blob/0de243519630e4e5411d9427dfa867a8c4b466f4/deploy/policies.yaml#L22)): ingress rule 1 admits shop/web\\[Deployment\\] on TCP 5432<br>🚫 NetworkPolicy shop/default-deny ([\`deploy/policies.yaml:1\`](https://github.com/octo-org/shop/blob/0de243519630e4e5411d9427dfa867a8c4b466f4/deploy/policies.yaml#L1)): selects these pods and has no ingress rules, so it allows nothing |

      **Changed:** denied at base, allowed on TCP 5432 at head.

      **What changed:**
      - ➕ Opened TCP 5432, because:
        - NetworkPolicy shop/allow-web-to-db: new policy; its ingress rule 1 allows this traffic ([\`deploy/policies.yaml:22\`](https://github.com/octo-org/shop/blob/0de243519630e4e5411d9427dfa867a8c4b466f4/deploy/policies.yaml#L22))
      "
    `);
  });

  it("a path opened to any other pod in the cluster fails on a protected namespace the repository does not describe", async () => {
    const files = readTree(join(REPO, "base"));
    const denyEgress = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: deny-egress
  namespace: shop
  annotations:
    netpol-review/description: Nothing leaves the shop.
spec:
  podSelector: {}
  policyTypes: [Egress]
`;
    const locked = gh.commit({ ...files, "deploy/deny-egress.yaml": denyEgress });
    // The pull request deletes the egress lock: the shop's pods may now reach anything.
    const unlocked = gh.commit(files);
    gh.pull({ number: 8, base: { ref: "main", sha: locked }, head: { ref: "unlock", sha: unlocked } });
    gh.configs.set("main", "failOn:\n  protectedNamespaces: [payments]\n");
    await app.receive("pull_request", pullRequestEvent({ number: 8, headSha: unlocked, baseSha: locked }));
    const run = gh.checkRuns[0];
    expect(run?.conclusion).toBe("failure");
    expect(run?.output?.summary).toMatch(
      /^\*\*This check fails\*\* because the pull request:\n- opens paths into `\[other pods\]` \(any other pod in the cluster\), which may include the pods of protected namespace `payments`/,
    );

    // Declared, payments is no longer hidden in "any other pod": nothing opens into it.
    gh.configs.set(
      "main",
      "failOn:\n  protectedNamespaces: [payments]\ncontext:\n  namespaces:\n    - name: payments\n",
    );
    await app.receive(
      "pull_request",
      pullRequestEvent({ action: "synchronize", number: 8, headSha: unlocked, baseSha: locked }),
    );
    expect(gh.checkRuns[1]?.conclusion).toBe("success");
  });
});
