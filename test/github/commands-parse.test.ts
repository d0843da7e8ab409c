import { describe, expect, it } from "vitest";
import { parseCommands } from "../../src/github/commands/parse.js";

describe("slash command parsing", () => {
  it("finds each command on its own line, in order", () => {
    expect(parseCommands("Thanks!\n/netpol help\nand\n/netpol explain\r\n/netpol recheck")).toEqual([
      { kind: "help", line: "/netpol help" },
      { kind: "explain-changes", line: "/netpol explain" },
      { kind: "recheck", line: "/netpol recheck" },
    ]);
  });

  it("parses a flow with a port and a protocol, defaulting to TCP", () => {
    expect(parseCommands("/netpol explain shop/web data/db 5432")).toEqual([
      {
        kind: "explain-flow",
        line: "/netpol explain shop/web data/db 5432",
        from: "shop/web",
        to: "data/db",
        port: { port: 5432, protocol: "TCP" },
      },
    ]);
    expect(parseCommands("/netpol explain shop/web kube-system/coredns 53/udp")[0]).toMatchObject({
      port: { port: 53, protocol: "UDP" },
    });
    expect(parseCommands("/netpol   explain   shop/web   10.0.0.1  ")[0]).toEqual({
      kind: "explain-flow",
      line: "/netpol   explain   shop/web   10.0.0.1",
      from: "shop/web",
      to: "10.0.0.1",
    });
  });

  it("ignores commands inside fenced code blocks, quotes and the middle of a line", () => {
    const body = [
      "```",
      "/netpol recheck",
      "```",
      "~~~~yaml",
      "/netpol help",
      "~~~",
      "still in the tilde fence: /netpol help",
      "/netpol help",
      "~~~~",
      "> /netpol recheck",
      "please run /netpol recheck",
      "    /netpol recheck",
      "/netpolicy help",
      "   /netpol help",
    ].join("\n");
    expect(parseCommands(body)).toEqual([{ kind: "help", line: "/netpol help" }]);
  });

  it("ignores commands inside HTML comments, which GitHub does not show", () => {
    const body = [
      "<!-- /netpol recheck -->",
      "<!--",
      "/netpol recheck",
      "   /netpol explain",
      "-->",
      "Thanks! <!-- a hidden note",
      "/netpol recheck",
      "ends here --> and the text goes on",
      "/netpol help",
      "<!---->",
      "/netpol explain",
      "<!-->",
      "/netpol recheck",
      "`<!--` is only code here",
      "/netpol help",
      "<!-- one --> <!-- two",
      "/netpol recheck",
      "-->",
    ].join("\n");
    expect(parseCommands(body)).toEqual([
      { kind: "help", line: "/netpol help" },
      { kind: "explain-changes", line: "/netpol explain" },
      { kind: "recheck", line: "/netpol recheck" },
      { kind: "help", line: "/netpol help" },
    ]);
  });

  it("an HTML comment inside a code block hides nothing; one never closed hides the rest", () => {
    expect(parseCommands("```\n<!--\n```\n/netpol help")).toEqual([{ kind: "help", line: "/netpol help" }]);
    expect(parseCommands("<!--\n/netpol help\n/netpol recheck")).toEqual([]);
  });

  it("an unclosed fence hides everything after it", () => {
    expect(parseCommands("```\n/netpol help")).toEqual([]);
  });

  it("unknown commands and bad arguments are invalid, with the reason", () => {
    expect(
      parseCommands("/netpol\n/netpol frobnicate\n/netpol help me\n/netpol explain shop/web").map(
        (c) => c.kind === "invalid" && c.problem,
      ),
    ).toEqual([
      "no command given",
      'unknown command "frobnicate"',
      "help takes no arguments",
      "explain needs both a source and a destination",
    ]);
    expect(
      parseCommands(
        "/netpol explain shop/web data/db 70000\n/netpol explain shop/web data/db 80/ICMP\n/netpol explain web db\n/netpol explain a/b c/d http\n/netpol explain a/b c/d 80 extra",
      ).map((c) => c.kind === "invalid" && c.problem),
    ).toEqual([
      "port 70000 is outside 1-65535",
      '"ICMP" is not a protocol: use TCP, UDP or SCTP',
      '"web" is neither a workload namespace/name nor an IP address',
      '"http" is not a port: write a number, optionally with a protocol (5432, 53/UDP)',
      "explain takes at most three arguments",
    ]);
  });

  it("a comment without commands yields nothing", () => {
    expect(parseCommands("LGTM, but see /netpol docs")).toEqual([]);
    expect(parseCommands("")).toEqual([]);
  });
});
