// The extensions `kubectl apply -f <dir>` reads, compared case-sensitively as kubectl does.
const MANIFEST_EXTENSIONS = [".yaml", ".yml", ".json"];

export function isManifestPath(path: string): boolean {
  return MANIFEST_EXTENSIONS.some((ext) => path.endsWith(ext));
}
