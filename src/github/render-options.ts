import type { RenderOptions } from "./engine.js";
import type { Revisions } from "./steps/resolve-revisions.js";

/**
 * Links from rendered locations to the manifest line at the side's commit, on the repository's
 * own web host (from the webhook payload, so GitHub Enterprise Server links stay on its host).
 */
export function renderOptions(repositoryUrl: string, revisions: Revisions): RenderOptions {
  return {
    sourceLink: ({ file, line, side }) => {
      const sha = side === "base" ? revisions.base.sha : revisions.head.sha;
      const path = file.split("/").map(encodeURIComponent).join("/");
      return `${repositoryUrl}/blob/${sha}/${path}#L${line}`;
    },
  };
}
