/** One file of a manifest tree, as read from a directory or a git ref. */
export interface SourceFile {
  /** Relative to the tree's root, with `/` separators. */
  readonly path: string;
  /** In bytes. */
  readonly size: number;
  /** `null` when the file was not read because it is larger than the limit. */
  readonly content: string | null;
}
