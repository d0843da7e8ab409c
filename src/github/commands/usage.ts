import { COMMANDS_TABLE } from "../../report/commands-footer.js";

/** What `/netpol help` answers, and what an unknown command or bad arguments get. */
export const USAGE = [
  "**netpol-review commands**: write each on its own line of a pull request comment (not in a code block).",
  "",
  COMMANDS_TABLE,
  "",
  "Workloads are written `namespace/name` (`shop/web`); an IP address stands for the world outside the cluster. The port is a number, optionally with `/TCP`, `/UDP` or `/SCTP` (TCP by default).",
].join("\n");
