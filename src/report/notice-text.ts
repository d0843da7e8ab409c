import type { RepositoryNotice } from "../scopes/types.js";
import { escapeTerminal } from "./escape.js";

/** Like a finding on a terminal: `deploy/charts/api/Chart.yaml:1: notice: not analysed: … [helm-chart]`. */
export function noticeText(notice: RepositoryNotice, root = ""): string {
  const prefix = root ? `${root.replace(/\/+$/, "")}/` : "";
  const where = notice.file === undefined ? "" : `${prefix}${notice.file}:${notice.line ?? 1}: `;
  return escapeTerminal(`${where}notice: ${notice.message} [${notice.rule}]`);
}
