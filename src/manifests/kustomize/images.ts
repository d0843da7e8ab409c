import { type Kustomization, mappingList } from "./kustomization.js";
import { isMapping, type Origin, setField } from "./provenance.js";
import type { Resource } from "./resource.js";

interface ImageRule {
  readonly name: string;
  readonly newName?: string;
  readonly newTag?: string;
  readonly digest?: string;
  readonly origin: Origin;
}

/**
 * `images: [{name, newName, newTag, digest}]` rewrites the `image` of every container and init
 * container whose image name is `name` (kustomize's ImageTagTransformer). Irrelevant to
 * reachability; applied so that `render` matches `kustomize build`.
 */
export function applyImages(k: Kustomization, resources: readonly Resource[]): void {
  const rules: ImageRule[] = [];
  for (const { value: entry, index } of mappingList(k, "images")) {
    if (typeof entry.name !== "string") {
      k.report.error(["images", index], "an images entry needs name:; ignored");
      continue;
    }
    const text = (key: string) => {
      const v = entry[key];
      return typeof v === "string" || typeof v === "number" ? { [key]: String(v) } : {};
    };
    rules.push({
      name: entry.name,
      ...text("newName"),
      ...text("newTag"),
      ...text("digest"),
      origin: { file: k.file, positions: k.positions, path: ["images", index] },
    });
  }
  if (rules.length === 0) return;
  for (const resource of resources) visitContainers(resource.value, rules);
}

function visitContainers(node: unknown, rules: readonly ImageRule[]): void {
  if (Array.isArray(node)) {
    for (const item of node) visitContainers(item, rules);
    return;
  }
  if (!isMapping(node)) return;
  for (const [key, value] of Object.entries(node)) {
    if ((key === "containers" || key === "initContainers") && Array.isArray(value)) {
      for (const container of value) if (isMapping(container)) retag(container, rules);
    } else visitContainers(value, rules);
  }
}

function retag(container: Record<string, unknown>, rules: readonly ImageRule[]): void {
  const image = container.image;
  if (typeof image !== "string") return;
  const { name, tag, digest } = splitImage(image);
  const rule = rules.find((r) => r.name === name);
  if (!rule) return;
  let next = rule.newName ?? name;
  if (rule.digest !== undefined) next += `@${rule.digest}`;
  else if (rule.newTag !== undefined) next += `:${rule.newTag}`;
  else if (digest !== undefined) next += `@${digest}`;
  else if (tag !== undefined) next += `:${tag}`;
  setField(container, "image", next, rule.origin);
}

/** `registry:5000/app:1.2@sha256:…` → name, tag, digest (a colon after the last slash starts the tag). */
function splitImage(image: string): { name: string; tag?: string; digest?: string } {
  const at = image.indexOf("@");
  const digest = at >= 0 ? image.slice(at + 1) : undefined;
  const rest = at >= 0 ? image.slice(0, at) : image;
  const colon = rest.lastIndexOf(":");
  const hasTag = colon > rest.lastIndexOf("/");
  return {
    name: hasTag ? rest.slice(0, colon) : rest,
    ...(hasTag ? { tag: rest.slice(colon + 1) } : {}),
    ...(digest !== undefined ? { digest } : {}),
  };
}
