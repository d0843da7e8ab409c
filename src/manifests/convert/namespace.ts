import type { Namespace } from "../../model/namespace.js";
import type { NamespaceManifest } from "../schemas/namespace.js";
import type { ObjectLocation } from "./object-location.js";

export function convertNamespace(manifest: NamespaceManifest, at: ObjectLocation): Namespace {
  return { name: manifest.metadata.name, labels: manifest.metadata.labels ?? {}, source: at.source() };
}
