import { createHash } from "node:crypto";
import { goJson } from "./go-json.js";
import { setField } from "./provenance.js";
import { currentName, kindOf, metadataOf, type Resource, rememberName } from "./resource.js";

/**
 * Appends kustomize's content hash to the names of generated ConfigMaps and Secrets, after all
 * transforms (kustomize's HashTransformer, run once at the top of the build). As kyaml's hasher
 * does, the hashed name is empty: it looks up `metadata/name` as one key, which never exists.
 */
export function addHashSuffixes(resources: readonly Resource[]): void {
  for (const resource of resources) {
    if (!resource.generated?.hash) continue;
    const hash = contentHash(resource);
    rememberName(resource);
    setField(metadataOf(resource), "name", `${currentName(resource).name}-${hash}`, undefined);
  }
}

function contentHash(resource: Resource): string {
  const { value } = resource;
  const field = (key: string) => (value[key] === undefined ? "" : value[key]);
  const encoded: Record<string, unknown> =
    kindOf(resource) === "Secret"
      ? { kind: "Secret", type: field("type"), name: "", data: field("data") }
      : { kind: "ConfigMap", name: "", data: field("data") };
  if (kindOf(resource) === "Secret" && typeof value.stringData === "object" && value.stringData !== null)
    encoded.stringData = value.stringData;
  if (kindOf(resource) === "ConfigMap" && typeof value.binaryData === "object" && value.binaryData !== null)
    encoded.binaryData = value.binaryData;
  const hex = createHash("sha256").update(goJson(encoded)).digest("hex");
  return encode(hex);
}

// kubectl's hash encoding: the first ten hex digits, with 0 1 3 a e swapped for letters (no vowels, no look-alikes).
const SWAPS: Readonly<Record<string, string>> = { "0": "g", "1": "h", "3": "k", a: "m", e: "t" };

function encode(hex: string): string {
  return [...hex.slice(0, 10)].map((c) => SWAPS[c] ?? c).join("");
}
