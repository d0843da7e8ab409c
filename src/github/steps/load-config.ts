import { type ConfigResult, parseConfig } from "../../config/parse.js";
import { CONFIG_PATH, DEFAULT_CONFIG } from "../../config/schema.js";
import { apiStatus } from "../errors.js";
import type { GitHubContext } from "../github-context.js";

/**
 * Step 1. The configuration as the pull request's **base** branch has it, so that a pull request
 * cannot weaken its own check. No file means the defaults. The branch is named in full
 * (`refs/heads/<base>`): a short name would also match a tag of the same name, which anyone who
 * can push a tag could use to swap the configuration.
 */
export async function loadConfig(gh: GitHubContext, baseRef: string): Promise<ConfigResult> {
  let data: Awaited<ReturnType<GitHubContext["octokit"]["rest"]["repos"]["getContent"]>>["data"];
  try {
    ({ data } = await gh.octokit.rest.repos.getContent({
      owner: gh.owner,
      repo: gh.repo,
      path: CONFIG_PATH,
      ref: branchRef(baseRef),
    }));
  } catch (error) {
    if (apiStatus(error) === 404) return { ok: true, config: DEFAULT_CONFIG };
    throw error;
  }
  if (Array.isArray(data) || data.type !== "file") return configProblem("is not a file");
  // The contents API leaves out the content of files over 1 MB.
  if (data.content === undefined || (data.content === "" && data.size > 0))
    return configProblem(`is ${data.size} bytes, too large to read`);
  return parseConfig(Buffer.from(data.content, "base64").toString("utf8"));
}

function configProblem(problem: string): ConfigResult {
  return {
    ok: false,
    errors: [{ file: CONFIG_PATH, line: 1, key: null, message: `${CONFIG_PATH} ${problem}` }],
  };
}

/** The fully qualified name of a branch (`main` → `refs/heads/main`). */
export function branchRef(branch: string): string {
  return branch.startsWith("refs/heads/") ? branch : `refs/heads/${branch}`;
}
