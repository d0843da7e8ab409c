import { readFile } from "node:fs/promises";
import { join, relative, resolve } from "node:path";
import { parseConfig } from "../config/parse.js";
import { CONFIG_PATH, type Config, DEFAULT_CONFIG, type FailOn } from "../config/schema.js";
import { ConfigFileError, UsageError } from "./io.js";

/**
 * The configuration the check would use: `--config <file>`, else `.github/netpol-review.yml` at
 * the git root of what is analysed (`root`), else the defaults. `--fail-on` overrides
 * `failOn.severity`. An invalid file stops the command with its errors, as it fails the check.
 */
export async function loadCliConfig(
  options: { config?: string | boolean | undefined; failOn?: string | boolean | undefined },
  root: string | undefined,
  cwd: string,
): Promise<Config> {
  const explicit = typeof options.config === "string" ? resolve(cwd, options.config) : undefined;
  const path = explicit ?? (root === undefined ? undefined : join(root, CONFIG_PATH));
  let config = DEFAULT_CONFIG;
  if (path !== undefined) {
    const text = await readFile(path, "utf8").catch((error: NodeJS.ErrnoException) => {
      if (explicit === undefined && error.code === "ENOENT") return undefined;
      throw new UsageError(`--config ${options.config}: ${error.message}`);
    });
    if (text !== undefined) {
      const shown = relative(cwd, path) || path;
      const parsed = parseConfig(text, shown);
      if (!parsed.ok) throw new ConfigFileError(parsed.errors);
      config = parsed.config;
    }
  }
  return typeof options.failOn === "string"
    ? { ...config, failOn: { ...config.failOn, severity: failOnSeverity(options.failOn) } }
    : config;
}

const FAIL_ON: readonly FailOn["severity"][] = ["error", "warning", "notice", "never"];

function failOnSeverity(text: string): FailOn["severity"] {
  const found = FAIL_ON.find((s) => s === text);
  if (found === undefined) throw new UsageError(`--fail-on must be ${FAIL_ON.join(", ")}, not ${text}`);
  return found;
}
