import type { FieldPath, FieldPositions } from "../source-positions.js";

/**
 * Positions of YAML written inside a string of another file (an inline `patch: |`): lines
 * counted from the line after the key, which is where a block scalar's text starts.
 */
export class ShiftedPositions implements FieldPositions {
  constructor(
    private readonly inner: FieldPositions,
    private readonly keyLine: number,
  ) {}

  lineOf(path: FieldPath): number {
    return this.keyLine + this.inner.lineOf(path);
  }

  firstKeyLine(path: FieldPath): number {
    return this.keyLine + this.inner.firstKeyLine(path);
  }

  sourceText(path: FieldPath): string | undefined {
    return this.inner.sourceText(path);
  }
}
