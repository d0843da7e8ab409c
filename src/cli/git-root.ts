import { execFile } from "node:child_process";
import { promisify } from "node:util";

const run = promisify(execFile);

/** The top directory of the git work tree around `dir`; undefined outside one (or without git). */
export async function gitRoot(dir: string): Promise<string | undefined> {
  try {
    const { stdout } = await run("git", ["-c", "core.fsmonitor=false", "rev-parse", "--show-toplevel"], {
      cwd: dir,
    });
    return stdout.trim() || undefined;
  } catch {
    return undefined;
  }
}
