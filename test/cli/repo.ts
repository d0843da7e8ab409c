import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

/** A throw-away directory holding `files` (and the fixture directories in `copies`). */
export function tempTree(
  files: Readonly<Record<string, string>>,
  copies: Readonly<Record<string, string>> = {},
): string {
  const dir = mkdtempSync(join(tmpdir(), "netpol-scopes-"));
  for (const [to, from] of Object.entries(copies)) cpSync(from, join(dir, to), { recursive: true });
  writeFiles(dir, files);
  return dir;
}

export function writeFiles(dir: string, files: Readonly<Record<string, string>>): void {
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
}

/** Runs git in `dir` with a fixed identity, so that commits work on any machine. */
export function git(dir: string, ...args: string[]): string {
  return execFileSync("git", args, {
    cwd: dir,
    encoding: "utf8",
    env: {
      ...process.env,
      GIT_AUTHOR_NAME: "t",
      GIT_AUTHOR_EMAIL: "t@example.com",
      GIT_COMMITTER_NAME: "t",
      GIT_COMMITTER_EMAIL: "t@example.com",
    },
  });
}

/** `tempTree` made a git repository with everything committed on `main`. */
export function tempRepo(
  files: Readonly<Record<string, string>>,
  copies: Readonly<Record<string, string>> = {},
): string {
  const dir = tempTree(files, copies);
  git(dir, "init", "-q", "-b", "main");
  git(dir, "add", ".");
  git(dir, "commit", "-qm", "base");
  return dir;
}
