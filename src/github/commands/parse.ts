/** A slash command found in a comment, parsed; `invalid` ones are answered with the usage. */
export type Command =
  | { readonly kind: "help"; readonly line: string }
  | { readonly kind: "recheck"; readonly line: string }
  | { readonly kind: "explain-changes"; readonly line: string }
  | {
      readonly kind: "explain-flow";
      readonly line: string;
      readonly from: string;
      readonly to: string;
      readonly port?: { readonly port: number; readonly protocol: "TCP" | "UDP" | "SCTP" };
    }
  /** `problem` is plain text (it may quote the user's words): escape it before showing it. */
  | { readonly kind: "invalid"; readonly line: string; readonly problem: string };

/** More commands than this in one comment are not run (each may fetch and analyse two trees). */
export const MAX_COMMANDS_PER_COMMENT = 10;

const PROTOCOLS = ["TCP", "UDP", "SCTP"] as const;
// `ns/name` (RFC 1123 names), or an address / CIDR for the world outside the cluster.
const WORKLOAD = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?\/[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;
const ADDRESS = /^(\d{1,3}(\.\d{1,3}){3}|[0-9A-Fa-f:]*:[0-9A-Fa-f:.]*)(\/\d{1,3})?$/;
const PORT = /^(\d{1,5})(?:\/([A-Za-z]+))?$/;

/**
 * The commands of a comment: lines that start with `/netpol` (after at most three spaces, as a
 * Markdown paragraph may), outside fenced code blocks and outside HTML comments (`<!-- … -->`),
 * which GitHub does not show: a command nobody can see is not run. Pure; never throws.
 */
export function parseCommands(body: string): Command[] {
  const commands: Command[] = [];
  let fence: { char: string; length: number } | null = null;
  let inHtmlComment = false;
  for (const rawLine of body.split(/\r?\n/)) {
    const line = rawLine.trimEnd();
    if (inHtmlComment) {
      // The line that ends the comment is part of it: it starts inside, so it is no command.
      inHtmlComment = htmlCommentOpenAtEnd(line, true);
      continue;
    }
    const opening = /^ {0,3}(`{3,}|~{3,})(.*)$/.exec(line);
    if (fence) {
      const closes =
        opening?.[1]?.[0] === fence.char &&
        (opening[1]?.length ?? 0) >= fence.length &&
        opening[2]?.trim() === "";
      if (closes) fence = null;
      continue;
    }
    if (opening?.[1] && !(opening[1][0] === "`" && opening[2]?.includes("`"))) {
      fence = { char: opening[1][0] as string, length: opening[1].length };
      continue;
    }
    const command = /^ {0,3}(\/netpol)(?:\s+(.*))?$/.exec(line);
    if (command) commands.push(parseCommand(line.trim(), command[2]?.trim() ?? ""));
    // A comment opened on this line and not closed hides the lines after it.
    inHtmlComment = htmlCommentOpenAtEnd(withoutCodeSpans(line), false);
  }
  return commands;
}

/**
 * Whether an HTML comment is still open at the end of `line`, given whether one was open at its
 * start. `<!-->` and `<!--->` are complete (empty) comments, as in CommonMark.
 */
function htmlCommentOpenAtEnd(line: string, openAtStart: boolean): boolean {
  let open = openAtStart;
  let at = 0;
  for (;;) {
    if (open) {
      const close = line.indexOf("-->", at);
      if (close < 0) return true;
      open = false;
      at = close + 3;
    } else {
      const start = line.indexOf("<!--", at);
      if (start < 0) return false;
      open = true;
      at = start + 2;
    }
  }
}

/** The line without its code spans, in which `<!--` is literal text. */
function withoutCodeSpans(line: string): string {
  return line.replace(/(`+)(?:(?!\1)[\s\S])*?\1/g, "");
}

function parseCommand(line: string, rest: string): Command {
  const [name, ...args] = rest === "" ? [] : rest.split(/\s+/);
  switch (name) {
    case undefined:
      return { kind: "invalid", line, problem: "no command given" };
    case "help":
      return args.length === 0 ? { kind: "help", line } : tooMany(line, "help");
    case "recheck":
      return args.length === 0 ? { kind: "recheck", line } : tooMany(line, "recheck");
    case "explain":
      return parseExplain(line, args);
    default:
      return { kind: "invalid", line, problem: `unknown command "${name}"` };
  }
}

function parseExplain(line: string, args: readonly string[]): Command {
  if (args.length === 0) return { kind: "explain-changes", line };
  if (args.length === 1)
    return { kind: "invalid", line, problem: "explain needs both a source and a destination" };
  if (args.length > 3) return { kind: "invalid", line, problem: "explain takes at most three arguments" };
  const [from = "", to = "", port] = args;
  for (const endpoint of [from, to]) {
    if (!WORKLOAD.test(endpoint) && !ADDRESS.test(endpoint))
      return {
        kind: "invalid",
        line,
        problem: `"${endpoint}" is neither a workload namespace/name nor an IP address`,
      };
  }
  if (port === undefined) return { kind: "explain-flow", line, from, to };
  const parsed = parsePort(port);
  if ("problem" in parsed) return { kind: "invalid", line, problem: parsed.problem };
  return { kind: "explain-flow", line, from, to, port: parsed };
}

function parsePort(text: string): { port: number; protocol: "TCP" | "UDP" | "SCTP" } | { problem: string } {
  const match = PORT.exec(text);
  if (!match)
    return {
      problem: `"${text}" is not a port: write a number, optionally with a protocol (5432, 53/UDP)`,
    };
  const port = Number(match[1]);
  if (port < 1 || port > 65535) return { problem: `port ${port} is outside 1-65535` };
  const protocol = (match[2] ?? "TCP").toUpperCase();
  const known = PROTOCOLS.find((p) => p === protocol);
  if (!known) return { problem: `"${match[2]}" is not a protocol: use TCP, UDP or SCTP` };
  return { port, protocol: known };
}

function tooMany(line: string, name: string): Command {
  return { kind: "invalid", line, problem: `${name} takes no arguments` };
}
