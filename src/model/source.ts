/** Where something was written: the file (relative to the tree's root) and 1-based line. */
export interface SourceRef {
  readonly file: string;
  readonly line: number;
}
