import type { SourceRef } from "../../model/source.js";
import type { FieldPath, FieldPositions } from "../source-positions.js";

/** `{ leadingComment }` when the object has one, for a model object's spread. */
export function withLeadingComment(at: ObjectLocation): { leadingComment?: string } {
  const comment = at.leadingComment();
  return comment === undefined ? {} : { leadingComment: comment };
}

/** Lines of one object's fields, with paths relative to the object (it may be an item of a List). */
export class ObjectLocation {
  constructor(
    readonly file: string,
    private readonly positions: FieldPositions,
    private readonly path: FieldPath,
  ) {}

  /** Where the object starts: the line of its first key. */
  source(): SourceRef {
    return { file: this.file, line: this.positions.firstKeyLine(this.path) };
  }

  /**
   * The comment blocks right above the object and right above its `metadata` key, where teams
   * document an object (once when they are the same block); undefined when neither exists.
   */
  leadingComment(): string | undefined {
    const above = this.positions.commentAbove?.(this.path) ?? [];
    const aboveMetadata =
      this.line(["metadata"]) === this.positions.lineOf(this.path)
        ? []
        : (this.positions.commentAbove?.([...this.path, "metadata"]) ?? []);
    const lines = [...above, ...aboveMetadata];
    return lines.length > 0 ? lines.join("\n") : undefined;
  }

  line(fieldPath: FieldPath): number {
    return this.positions.lineOf([...this.path, ...fieldPath]);
  }

  /** Where a field was written: its own file and line, which a kustomize patch can make another file's. */
  ref(fieldPath: FieldPath): SourceRef {
    const path = [...this.path, ...fieldPath];
    return this.positions.refOf?.(path) ?? { file: this.file, line: this.positions.lineOf(path) };
  }

  writtenAs(fieldPath: FieldPath): string | undefined {
    return this.positions.sourceText([...this.path, ...fieldPath]);
  }
}
