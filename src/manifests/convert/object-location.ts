import type { SourceRef } from "../../model/source.js";
import type { FieldPath, SourcePositions } from "../source-positions.js";

/** Lines of one object's fields, with paths relative to the object (it may be an item of a List). */
export class ObjectLocation {
  constructor(
    readonly file: string,
    private readonly positions: SourcePositions,
    private readonly path: FieldPath,
  ) {}

  /** Where the object starts: the line of its first key. */
  source(): SourceRef {
    return { file: this.file, line: this.positions.firstKeyLine(this.path) };
  }

  line(fieldPath: FieldPath): number {
    return this.positions.lineOf([...this.path, ...fieldPath]);
  }

  writtenAs(fieldPath: FieldPath): string | undefined {
    return this.positions.sourceText([...this.path, ...fieldPath]);
  }
}
