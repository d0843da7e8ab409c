import type { Finding } from "../../model/finding.js";
import type { FieldPositions } from "../source-positions.js";

/** One object of a render, with the file it came from and where each of its fields was written. */
export interface RenderedObject {
  readonly value: Record<string, unknown>;
  /** The manifest it was read from (or the kustomization that generated it). */
  readonly file: string;
  /** Lines in `file`; `refOf` gives the patch's or kustomization's file:line for fields they set. */
  readonly positions: FieldPositions;
}

/** What `kustomize build <root>` outputs, in its order, and what could not be rendered. */
export interface KustomizeRender {
  readonly root: string;
  readonly objects: RenderedObject[];
  readonly diagnostics: Finding[];
  /** every file the render read: the scope's inputs */
  readonly inputs: string[];
}
