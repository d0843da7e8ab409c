/** One file of a manifest tree, as read from a directory or a git ref. */
export interface SourceFile {
  /** Relative to the tree's root, with `/` separators. */
  readonly path: string;
  /** In bytes. */
  readonly size: number;
  /** `null` when the file was not read because it is larger than the limit. */
  readonly content: string | null;
  /**
   * Set when the file cannot be read as a manifest at all (a symbolic link, a submodule, a file
   * over the size limit that was not fetched): what it is, for an `unanalysed-file` finding.
   */
  readonly unreadable?: string;
}
