export type { FieldPath, FieldPositions } from "../source-positions.js";
export { addRenderedObjects } from "./add-rendered-objects.js";
export { renderKustomization } from "./render.js";
export {
  isKustomizationFile,
  KUSTOMIZATION_FILE_NAMES,
  type RepositoryFiles,
  repositoryFiles,
} from "./repository-files.js";
export type { KustomizeRender, RenderedObject } from "./types.js";
