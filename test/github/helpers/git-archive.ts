import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

/**
 * A real repository archive: the files committed in a throwaway git repository, then
 * `git archive --format=tar.gz` of that commit under `prefix/`, as GitHub's tarball endpoint
 * produces it (git applies `.gitattributes`: `export-ignore` leaves files out, `export-subst`
 * rewrites `$Format:…$` placeholders).
 */
export function gitArchive(files: Readonly<Record<string, string>>, prefix: string): Buffer {
  const dir = mkdtempSync(join(tmpdir(), "netpol-review-archive-"));
  try {
    for (const [path, content] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), content);
    }
    const git = (...args: string[]) =>
      execFileSync("git", args, {
        cwd: dir,
        env: {
          PATH: process.env.PATH,
          HOME: dir,
          GIT_CONFIG_NOSYSTEM: "1",
          GIT_AUTHOR_NAME: "t",
          GIT_AUTHOR_EMAIL: "t@example.com",
          GIT_COMMITTER_NAME: "t",
          GIT_COMMITTER_EMAIL: "t@example.com",
        },
        maxBuffer: 256 * 1024 * 1024,
      });
    git("init", "-q");
    git("add", "-A");
    git("commit", "-q", "-m", "files");
    return git("archive", "--format=tar.gz", `--prefix=${prefix}/`, "HEAD");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
