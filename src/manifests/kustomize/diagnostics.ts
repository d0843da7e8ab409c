import type { Finding, Severity } from "../../model/finding.js";
import { invalidManifest } from "../invalid-manifest.js";
import type { FieldPath, FieldPositions } from "../source-positions.js";

/** Reports problems at a field of one file (a kustomization, a patch), with its line. */
export class FileReporter {
  constructor(
    readonly file: string,
    private readonly positions: FieldPositions | undefined,
    private readonly into: Finding[],
  ) {}

  line(path: FieldPath): number {
    return this.positions?.lineOf(path) ?? 1;
  }

  report(severity: Severity, path: FieldPath, message: string): void {
    this.into.push(invalidManifest(this.file, this.line(path), message, undefined, severity));
  }

  error(path: FieldPath, message: string): void {
    this.report("error", path, message);
  }
}
