import { type Document, isAlias, isMap, isScalar, isSeq, type LineCounter } from "yaml";
import type { SourceRef } from "../model/source.js";

export type FieldPath = readonly (string | number)[];

/**
 * Lines of one decoded document's fields: a YAML file's (`SourcePositions`) or a kustomize-rendered
 * object's, whose fields may have been written in several files.
 */
export interface FieldPositions {
  /** The line, in the object's own file, of the field at `path` (or of its nearest ancestor there). */
  lineOf(path: FieldPath): number;
  /** The line of the first key of the mapping at `path`, i.e. where the object visibly starts. */
  firstKeyLine(path: FieldPath): number;
  /** The scalar at `path` exactly as written, for messages. */
  sourceText(path: FieldPath): string | undefined;
  /** Where the field at `path` was written, when that can be another file (a kustomize patch). */
  refOf?(path: FieldPath): SourceRef;
  /** The `#` comment lines written right above the field at `path`, when there is a text to read them from. */
  commentAbove?(path: FieldPath): string[];
}

/**
 * Finds lines in one parsed YAML document on demand, so that only the positions a message or
 * model object needs are computed. Paths are those of the decoded value (`["spec", "ingress", 0]`).
 */
export class SourcePositions implements FieldPositions {
  constructor(
    private readonly doc: Document.Parsed,
    private readonly lineCounter: LineCounter,
    private readonly text: string,
  ) {}

  /**
   * The line of the field at `path`: its key's line in a mapping, the item's first line in a list.
   * A field that is not written (a missing required field) gets the line of its nearest ancestor.
   */
  lineOf(path: FieldPath): number {
    return this.walk(path).line;
  }

  /** The line of the first key of the mapping at `path`, i.e. where the object visibly starts. */
  firstKeyLine(path: FieldPath): number {
    const { node, complete } = this.walk(path);
    if (complete && isMap(node)) {
      const start = node.items[0]?.key;
      if (isScalar(start) && start.range) return this.line(start.range[0]);
    }
    return this.lineOf(path);
  }

  /**
   * The comment block written right above the field at `path` (above its key, or above the
   * document's first line for `[]`): the consecutive lines holding only a `#` comment, up to a
   * line that holds anything else (a blank line, `---`, a key). Each line without its `#` and
   * surrounding spaces, top to bottom; empty when there is no such block.
   */
  commentAbove(path: FieldPath): string[] {
    // By offsets in the text, not line numbers: the line counter may count lines the text lacks.
    const lines: string[] = [];
    let lineStart = this.text.lastIndexOf("\n", this.walk(path).offset - 1) + 1;
    while (lineStart > 0) {
      const previous = this.text.lastIndexOf("\n", lineStart - 2) + 1;
      const text = this.text.slice(previous, lineStart - 1).trim();
      if (!text.startsWith("#")) break;
      lines.unshift(text.replace(/^#+/, "").trim());
      lineStart = previous;
    }
    return lines;
  }

  /** The scalar at `path` exactly as written (`1.0`, not the number 1), for messages. */
  sourceText(path: FieldPath): string | undefined {
    const { node, complete } = this.walk(path);
    if (!complete || !isScalar(node) || !node.range) return undefined;
    return this.text.slice(node.range[0], node.range[1]);
  }

  private walk(path: FieldPath): { node: unknown; line: number; offset: number; complete: boolean } {
    let node: unknown = this.doc.contents;
    let offset = this.doc.contents?.range?.[0] ?? 0;
    let line = this.line(offset);
    for (const segment of path) {
      if (isAlias(node)) node = node.resolve(this.doc);
      if (isMap(node)) {
        const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(segment));
        if (!pair || !isScalar(pair.key) || !pair.key.range) return { node, line, offset, complete: false };
        offset = pair.key.range[0];
        line = this.line(offset);
        node = pair.value;
      } else if (isSeq(node) && typeof segment === "number") {
        const item: unknown = node.items[segment];
        const range = isScalar(item) || isMap(item) || isSeq(item) || isAlias(item) ? item.range : undefined;
        if (!range) return { node, line, offset, complete: false };
        offset = range[0];
        line = this.line(offset);
        node = item;
      } else {
        return { node, line, offset, complete: false };
      }
    }
    if (isAlias(node)) node = node.resolve(this.doc);
    return { node, line, offset, complete: true };
  }

  private line(offset: number): number {
    return this.lineCounter.linePos(offset).line;
  }
}
