// The extensions `kubectl apply -f <dir>` reads, compared case-sensitively as kubectl does.
const MANIFEST_EXTENSIONS = [".yaml", ".yml", ".json"];

/** kustomize also accepts a kustomization file named `Kustomization`, without an extension. */
const EXTENSIONLESS = "Kustomization";

export function isManifestPath(path: string): boolean {
  return (
    MANIFEST_EXTENSIONS.some((ext) => path.endsWith(ext)) ||
    path === EXTENSIONLESS ||
    path.endsWith(`/${EXTENSIONLESS}`)
  );
}
