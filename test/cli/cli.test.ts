import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { cli } from "./run.js";

const POLICY = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: api-in, namespace: shop }
spec:
  podSelector: { matchLabels: { app: api } }
  ingress:
  - from: [{ podSelector: { matchLabels: { app: web } } }]
    ports: [{ port: 9000 }]
`;
const WORKLOADS = `apiVersion: v1
kind: Pod
metadata: { name: web, namespace: shop, labels: { app: web } }
spec: { containers: [{ name: c, image: i }] }
---
apiVersion: v1
kind: Pod
metadata: { name: api, namespace: shop, labels: { app: api } }
spec: { containers: [{ name: c, image: i }] }
`;

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "netpol-cli-"));
  mkdirSync(join(dir, "base"));
  mkdirSync(join(dir, "head"));
  writeFileSync(join(dir, "base/workloads.yaml"), WORKLOADS);
  writeFileSync(join(dir, "head/workloads.yaml"), WORKLOADS);
  writeFileSync(join(dir, "head/policy.yaml"), POLICY);
  mkdirSync(join(dir, "broken"));
  writeFileSync(join(dir, "broken/workloads.yaml"), WORKLOADS);
  writeFileSync(join(dir, "broken/bad.yaml"), "kind: [unclosed\n");
});

describe("netpol-review reach", () => {
  it("prints one text line per allowed pair", async () => {
    const { code, stdout } = await cli(["reach", "head"], dir);
    expect(code).toBe(0);
    const lines = stdout.split("\n");
    expect(lines).toContain("shop/web[Pod] => shop/api[Pod] : TCP 9000");
    expect(lines).toContain("shop/api[Pod] => shop/web[Pod] : All Connections");
    expect(lines.some((l) => l.startsWith("shop/api[Pod] => shop/api[Pod]"))).toBe(false);
  });

  it("prints the JSON contract: endpoints and connections with port ranges", async () => {
    const { code, stdout } = await cli(["reach", "head", "--format", "json"], dir);
    expect(code).toBe(0);
    const json = JSON.parse(stdout);
    expect(json.endpoints).toContainEqual(
      expect.objectContaining({ id: "shop/web[Pod]", kind: "Pod", namespace: "shop", name: "web" }),
    );
    expect(json.connections).toContainEqual({
      src: "shop/web[Pod]",
      dst: "shop/api[Pod]",
      ports: [{ protocol: "TCP", from: 9000, to: 9000 }],
    });
    const ids = new Set(json.endpoints.map((e: { id: string }) => e.id));
    for (const c of json.connections) {
      expect(ids.has(c.src) && ids.has(c.dst)).toBe(true);
    }
  });

  it("exits 1 on a broken manifest, names it with file:line, and still prints the rest", async () => {
    const { code, stdout, stderr } = await cli(["reach", "broken"], dir);
    expect(code).toBe(1);
    expect(stderr).toMatch(/^broken\/bad\.yaml:[12]: error: .*\[invalid-manifest\]/m);
    expect(stdout).toContain("shop/web[Pod] => shop/api[Pod] : All Connections");
  });

  it("accepts a single file", async () => {
    const { code, stdout } = await cli(["reach", "head/workloads.yaml"], dir);
    expect(code).toBe(0);
    expect(stdout).toContain("shop/web[Pod] => shop/api[Pod] : All Connections");
  });
});

describe("netpol-review diff", () => {
  it("prints opened and closed pairs as text", async () => {
    const { code, stdout } = await cli(["diff", "base", "head"], dir);
    expect(code).toBe(0);
    const lines = stdout.split("\n");
    expect(lines[0]).toMatch(/^\d+ paths? opened, \d+ closed$/);
    expect(lines).toContain(
      "- shop/web[Pod] => shop/api[Pod] : SCTP 1-65535,TCP 1-8999,9001-65535,UDP 1-65535",
    );
    expect(lines.some((l) => l.startsWith("+"))).toBe(false);
  });

  it("prints the JSON contract with opened and closed port ranges", async () => {
    const { stdout } = await cli(["diff", "head", "base", "-f", "json"], dir);
    const json = JSON.parse(stdout);
    const opened = json.opened.find(
      (c: { src: string; dst: string }) => c.src === "shop/web[Pod]" && c.dst === "shop/api[Pod]",
    );
    expect(opened.ports).toEqual([
      { protocol: "TCP", from: 1, to: 8999 },
      { protocol: "TCP", from: 9001, to: 65535 },
      { protocol: "UDP", from: 1, to: 65535 },
      { protocol: "SCTP", from: 1, to: 65535 },
    ]);
    expect(json.closed).toEqual([]);
  });

  it("reads both sides from git refs without checking anything out", async () => {
    const repo = mkdtempSync(join(tmpdir(), "netpol-git-"));
    const git = (...args: string[]) =>
      execFileSync("git", ["-c", "user.name=t", "-c", "user.email=t@example.com", ...args], { cwd: repo });
    git("init", "-q", "-b", "main");
    writeFileSync(join(repo, "workloads.yaml"), WORKLOADS);
    git("add", ".");
    git("commit", "-qm", "base");
    writeFileSync(join(repo, "policy.yaml"), POLICY);
    git("add", ".");
    git("commit", "-qm", "head");
    git("checkout", "-q", "HEAD~1");
    const { code, stdout } = await cli(["diff", "HEAD", "main", "--format", "json"], repo);
    expect(code).toBe(0);
    expect(JSON.parse(stdout).closed).toContainEqual(
      expect.objectContaining({ src: "shop/web[Pod]", dst: "shop/api[Pod]" }),
    );
  });
});

describe("usage", () => {
  it("--help prints the tool's usage and exits 0", async () => {
    const { code, stdout } = await cli(["--help"]);
    expect(code).toBe(0);
    expect(stdout).toContain("netpol-review reach <path>");
    expect(stdout).toContain("netpol-review diff <base> <head>");
  });

  it.each(["reach", "diff", "explain", "lint"])(
    "%s --help prints the command's usage and exits 0",
    async (command) => {
      const { code, stdout } = await cli([command, "--help"]);
      expect(code).toBe(0);
      expect(stdout).toMatch(new RegExp(`^Usage: netpol-review ${command} `));
    },
  );

  it("no command is a usage error: a one-line reason, then the usage, exit 2", async () => {
    const { code, stderr } = await cli([]);
    expect(code).toBe(2);
    expect(stderr.split("\n")[0]).toBe("netpol-review: a command is required");
    expect(stderr).toContain("Usage:");
  });

  it.each([
    [["frobnicate"], "unknown command: frobnicate"],
    [["reach"], "expected <path>"],
    [["diff", "a"], "expected <base> <head>"],
    [["reach", ".", "--format", "yaml"], "--format must be text or json, not yaml"],
    [["reach", ".", "--bogus"], "Unknown option '--bogus'"],
    [["reach", "does-not-exist"], "does-not-exist: no such file or directory, and not a git ref here"],
  ])("%j is a usage error: one line of reason, then the usage, exit 2", async (argv, reason) => {
    const { code, stderr } = await cli(argv as string[], dir);
    expect(code).toBe(2);
    const [first] = stderr.split("\n");
    expect(first).toContain(reason);
    expect(stderr).toContain("Usage:");
  });
});

describe("netpol-review explain", () => {
  it("prints the contract's JSON: allowed ports and every deciding policy and rule", async () => {
    const { code, stdout } = await cli(
      ["explain", "head", "--from", "shop/web", "--to", "shop/api", "--format", "json"],
      dir,
    );
    expect(code).toBe(0);
    const json = JSON.parse(stdout);
    expect(json.from).toBe("shop/web[Pod]");
    expect(json.to).toBe("shop/api[Pod]");
    expect(json.allowed).toEqual([{ protocol: "TCP", from: 9000, to: 9000 }]);
    expect(json.reasons).toEqual([
      expect.objectContaining({
        direction: "egress",
        effect: "not-isolated",
        policy: null,
        rule: null,
        file: null,
        line: null,
      }),
      expect.objectContaining({
        direction: "ingress",
        effect: "allows",
        policy: "NetworkPolicy shop/api-in",
        rule: 0,
        file: "policy.yaml",
        line: 7,
      }),
    ]);
  });

  it("--port restricts the verdict and names the rule whose ports do not match", async () => {
    const { stdout } = await cli(
      ["explain", "head", "--from", "shop/web", "--to", "shop/api", "--port", "80/tcp", "-f", "json"],
      dir,
    );
    const json = JSON.parse(stdout);
    expect(json.allowed).toEqual([]);
    expect(json.reasons[1]).toMatchObject({
      effect: "isolates",
      rule: 0,
      line: 7,
      detail: "ingress rule 1 admits shop/web[Pod], but not on these ports",
    });
  });

  it("--base shows the flow at base and at head in text", async () => {
    const { code, stdout } = await cli(
      ["explain", "head", "--base", "base", "--from", "shop/web", "--to", "shop/api"],
      dir,
    );
    expect(code).toBe(0);
    expect(stdout).toContain("At base:\nshop/web[Pod] => shop/api[Pod] : allowed: All Connections");
    expect(stdout).toContain("At head:\nshop/web[Pod] => shop/api[Pod] : allowed: TCP 9000");
    expect(stdout).toContain("allows   NetworkPolicy shop/api-in ingress rule 1 (policy.yaml:7)");
  });

  it("an unknown endpoint is a usage error with a suggestion", async () => {
    const { code, stderr } = await cli(["explain", "head", "--from", "shop/we", "--to", "shop/api"], dir);
    expect(code).toBe(2);
    expect(stderr.split("\n")[0]).toBe(
      "netpol-review: no workload or endpoint named shop/we (did you mean shop/web[Pod]?)",
    );
  });

  it("--from and --to are required", async () => {
    const { code, stderr } = await cli(["explain", "head", "--from", "shop/web"], dir);
    expect(code).toBe(2);
    expect(stderr).toContain("--from and --to are required");
  });
});

describe("netpol-review explain --format markdown", () => {
  it("without --base shows the one tree, not a missing base", async () => {
    const { code, stdout } = await cli(
      ["explain", "head", "--from", "shop/web", "--to", "shop/api", "-f", "markdown"],
      dir,
    );
    expect(code).toBe(0);
    expect(stdout).toContain("|  | In `head` |");
    expect(stdout).toContain("| **Verdict** | ✅ allowed on TCP 9000 |");
    expect(stdout).not.toContain("not found");
  });

  it("with --base shows base and head side by side", async () => {
    const { stdout } = await cli(
      ["explain", "head", "--base", "base", "--from", "shop/web", "--to", "shop/api", "-f", "markdown"],
      dir,
    );
    expect(stdout).toContain("| **Verdict** | ✅ all traffic allowed | ✅ allowed on TCP 9000 |");
  });
});

describe("netpol-review lint", () => {
  it("prints findings as file:line and exits 1 on an error-severity finding", async () => {
    const dup = `${POLICY}---\n${POLICY}`;
    const lintDir = mkdtempSync(join(tmpdir(), "netpol-lint-"));
    writeFileSync(join(lintDir, "p.yaml"), dup);
    const { code, stdout } = await cli(["lint", lintDir]);
    expect(code).toBe(1);
    expect(stdout).toMatch(/p\.yaml:10: error: .*\[duplicate-policy\]/);
  });

  it("with --base marks findings introduced and judges only those", async () => {
    const { code, stdout } = await cli(["lint", "head", "--base", "base", "-f", "json"], dir);
    const { findings } = JSON.parse(stdout);
    const missing = findings.find((f: { rule: string }) => f.rule === "missing-description");
    expect(missing).toMatchObject({
      file: "policy.yaml",
      line: 1,
      object: "NetworkPolicy shop/api-in",
      introduced: true,
    });
    expect(code).toBe(0);
  });
});

describe("netpol-review explain with admin policies", () => {
  it("keeps reasons to the contract's effects and gives the whole tier walk in tierWalk", async () => {
    const { code, stdout } = await cli(
      [
        "explain",
        "test/fixtures/admin/anp",
        "--from",
        "monitoring/prometheus",
        "--to",
        "shop/api",
        "-f",
        "json",
      ],
      process.cwd(),
    );
    expect(code).toBe(0);
    const json = JSON.parse(stdout);
    expect(json.allowed).toEqual([{ protocol: "TCP", from: 9090, to: 9090 }]);
    const effects = new Set(json.reasons.map((r: { effect: string }) => r.effect));
    expect([...effects].every((e) => ["not-isolated", "allows", "isolates"].includes(e as string))).toBe(
      true,
    );
    expect(json.reasons.filter((r: { direction: string }) => r.direction === "egress")).toHaveLength(1);
    expect(json.reasons).toContainEqual(
      expect.objectContaining({
        direction: "ingress",
        effect: "allows",
        policy: "AdminNetworkPolicy monitoring",
        rule: 0,
      }),
    );
    expect(json.tierWalk).toContainEqual(
      expect.objectContaining({
        effect: "passes",
        tier: "Admin",
        policy: "AdminNetworkPolicy monitoring",
        rule: 1,
      }),
    );
  });
});

describe("netpol-review explain --base: what the change did to the flow", () => {
  it("names the change that closed the flow, in text and in JSON", async () => {
    const text = await cli(
      ["explain", "head", "--base", "base", "--from", "shop/web", "--to", "shop/api"],
      dir,
    );
    expect(text.stdout).toContain(
      "What changed:\n  - closed SCTP 1-65535,TCP 1-8999,9001-65535,UDP 1-65535, because:\n    NetworkPolicy shop/api-in: new policy isolates the destination for ingress (policy.yaml:1)",
    );
    const json = JSON.parse(
      (
        await cli(
          ["explain", "head", "--base", "base", "--from", "shop/web", "--to", "shop/api", "-f", "json"],
          dir,
        )
      ).stdout,
    );
    expect(json.changes.opened).toEqual([]);
    expect(json.changes.closed).toEqual([
      expect.objectContaining({
        causes: [
          expect.objectContaining({
            kind: "policy-added",
            object: "NetworkPolicy shop/api-in",
            file: "policy.yaml",
            line: 1,
          }),
        ],
      }),
    ]);
  });
});

describe("netpol-review explain --base with addresses and ports", () => {
  const egress = (cidr: string) => `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: out, namespace: shop }
spec:
  podSelector: { matchLabels: { app: web } }
  policyTypes: [Egress]
  egress: [{ to: [{ ipBlock: ${cidr} }] }]
`;
  it("an address names the same range at base and head, and the change to it is reported", async () => {
    const root = mkdtempSync(join(tmpdir(), "netpol-ext-"));
    for (const [side, cidr] of [
      ["b", "{ cidr: 10.0.0.0/8, except: [10.1.0.0/16] }"],
      ["h", "{ cidr: 10.0.0.0/8 }"],
    ] as const) {
      mkdirSync(join(root, side));
      writeFileSync(join(root, side, "w.yaml"), WORKLOADS);
      writeFileSync(join(root, side, "p.yaml"), egress(cidr));
    }
    const { stdout } = await cli(
      ["explain", "h", "--base", "b", "--from", "shop/web", "--to", "10.1.2.3", "-f", "json"],
      root,
    );
    const json = JSON.parse(stdout);
    expect(json.base.to).toBe("10.1.0.0/16");
    expect(json.head.to).toBe("10.1.0.0/16");
    expect(json.changes.opened).toHaveLength(1);
    const narrowed = JSON.parse(
      (
        await cli(
          [
            "explain",
            "h",
            "--base",
            "b",
            "--from",
            "shop/web",
            "--to",
            "10.1.2.3",
            "--port",
            "443",
            "-f",
            "json",
          ],
          root,
        )
      ).stdout,
    );
    expect(narrowed.changes.opened[0].ports).toEqual([{ protocol: "TCP", from: 443, to: 443 }]);
  });
});

describe("text output is safe for a terminal", () => {
  it("a control sequence in a manifest name never reaches stdout or stderr", async () => {
    const root = mkdtempSync(join(tmpdir(), "netpol-ansi-"));
    const ansi = `apiVersion: v1
kind: Pod
metadata: { name: "x\\e[31mRED", namespace: a, labels: { app: x } }
spec: { containers: [{ name: c, image: i }] }
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: "p\\e]0;pwned\\a", namespace: a }
spec: { podSelector: {} }
`;
    mkdirSync(join(root, "b"));
    mkdirSync(join(root, "h"));
    writeFileSync(join(root, "b", "m.yaml"), ansi.split("---")[0] as string);
    writeFileSync(join(root, "h", "m.yaml"), ansi);
    const outputs = [
      await cli(["reach", "h"], root),
      await cli(["diff", "b", "h"], root),
      await cli(["lint", "h", "--base", "b"], root),
      await cli(["explain", "h", "--base", "b", "--from", "0.0.0.0", "--to", `a/x\u001b[31mRED`], root),
      await cli(["explain", "h", "--from", "0.0.0.0", "--to", "a/x"], root),
    ];
    expect(outputs[0]?.stdout).toContain("a/x[31mRED[Pod]");
    expect(outputs[4]?.stderr).toContain("did you mean a/x[31mRED[Pod]?");
    const controls = (text: string) =>
      [...text].filter((ch) => {
        const code = ch.codePointAt(0) as number;
        return (code < 0x20 && ch !== "\n" && ch !== "\t") || code === 0x7f;
      });
    for (const { stdout, stderr } of outputs) expect(controls(`${stdout}${stderr}`)).toEqual([]);
  });
});
