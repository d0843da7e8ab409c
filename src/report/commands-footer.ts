import { markdownTable } from "./review-markdown.js";

/** The slash commands, one per row, for the collapsed footer of the comment and for `/netpol help`. */
export const COMMANDS: readonly (readonly [command: string, description: string])[] = [
  ["`/netpol explain`", "Why each opened or closed path changed: the policy and rule, before and after."],
  [
    "`/netpol explain <src> <dst> [port[/proto]]`",
    "The verdict for one flow at base and at head, with every deciding policy and rule, e.g. `/netpol explain shop/frontend shop/backend 8080/TCP`.",
  ],
  ["`/netpol recheck`", "Run the review again (needs write access to the repository)."],
  ["`/netpol help`", "This list."],
];

export const COMMANDS_TABLE = markdownTable(
  ["Command", "What it does"],
  COMMANDS.map(([command, description]) => [command, description]),
);

/** A collapsed list of the slash commands, closing every comment. */
export const COMMANDS_FOOTER = [
  "<details>",
  "<summary>Commands</summary>",
  "",
  "Comment on this pull request with a line starting with:",
  "",
  COMMANDS_TABLE,
  "",
  "</details>",
].join("\n");
