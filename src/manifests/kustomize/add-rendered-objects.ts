import { invalidManifest } from "../invalid-manifest.js";
import { kubernetesObjects } from "../kubernetes-objects.js";
import { loadObject } from "../load-object.js";
import type { TreeCollector } from "../tree-collector.js";
import type { KustomizeRender } from "./types.js";

/** Loads rendered objects into a tree collector exactly as the loader loads file objects (same validation, diagnostics, positions). */
export function addRenderedObjects(render: KustomizeRender, into: TreeCollector): void {
  for (const input of render.inputs) into.addFile(input);
  for (const diagnostic of render.diagnostics) into.addDiagnostic(diagnostic);
  for (const object of render.objects) {
    try {
      for (const manifest of kubernetesObjects(object.value))
        loadObject(manifest, object.file, object.positions, into);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      const message = `unexpected error, this rendered object is not loaded: ${reason}`;
      into.addDiagnostic(invalidManifest(object.file, object.positions.firstKeyLine([]), message));
    }
  }
}
