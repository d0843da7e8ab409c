import type { Finding } from "../model/finding.js";

export const UNANALYSED_FILE = "unanalysed-file";

/**
 * A file the manifest globs select whose content the review cannot read (a symbolic link, a
 * submodule, a Git LFS pointer, a file over the size limit). `reason` names what it is and, for
 * files of a git tree, its object id: a change to the file changes the finding, so that a
 * change the review could not see never reads as "no changes".
 */
export function unanalysedFile(file: string, reason: string): Finding {
  return {
    rule: UNANALYSED_FILE,
    severity: "warning",
    file,
    line: 1,
    message: `not analysed: ${reason}; whatever it changes is missing from this review`,
  };
}

const LFS_POINTER = "version https://git-lfs.github.com/spec/v1";

/**
 * The reason for a Git LFS pointer file (https://github.com/git-lfs/git-lfs/blob/main/docs/spec.md):
 * the text git stores in place of a file kept on an LFS server. `undefined` for any other text.
 */
export function lfsPointerReason(content: string): string | undefined {
  if (!content.startsWith(LFS_POINTER) || content.length > 1024) return undefined;
  const oid = /^oid sha256:([0-9a-f]{64})$/m.exec(content)?.[1];
  return `a Git LFS pointer${oid ? ` (object sha256:${oid.slice(0, 12)})` : ""}, whose content is stored outside the repository`;
}
