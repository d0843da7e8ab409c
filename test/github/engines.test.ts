import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { subset, validRange } from "semver";
import { describe, expect, it } from "vitest";

// `package.json` promises a Node range; every production dependency installed must run on all
// of it, or `npm ci` warns EBADENGINE and the app may break on the oldest Node it claims.

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

interface ListedPackage {
  readonly path?: string;
  readonly dependencies?: Readonly<Record<string, ListedPackage>>;
}

describe("declared engines", () => {
  it("every installed production dependency's engines.node admits the project's declared range", async () => {
    const project = JSON.parse(readFileSync(`${ROOT}package.json`, "utf8")) as { engines: { node: string } };
    const declared = project.engines.node;
    expect(validRange(declared)).not.toBeNull();
    const { stdout } = await promisify(execFile)(
      "npm",
      ["ls", "--omit=dev", "--all", "--json", "--long", "--offline"],
      { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 },
    );
    const tree = JSON.parse(stdout) as ListedPackage;
    const paths = new Set<string>();
    const walk = (node: ListedPackage): void => {
      for (const child of Object.values(node.dependencies ?? {})) {
        if (child.path === undefined || paths.has(child.path)) continue;
        paths.add(child.path);
        walk(child);
      }
    };
    walk(tree);
    expect(paths.size).toBeGreaterThan(20);
    const refusing: string[] = [];
    for (const path of paths) {
      const manifest = JSON.parse(readFileSync(`${path}/package.json`, "utf8")) as {
        name: string;
        version: string;
        engines?: { node?: string };
      };
      const range = manifest.engines?.node;
      if (range === undefined || range.trim() === "" || range.trim() === "*") continue;
      if (!subset(declared, range, { includePrerelease: false }))
        refusing.push(`${manifest.name}@${manifest.version} needs node ${range}`);
    }
    expect(refusing, `the project declares node ${declared}`).toEqual([]);
  }, 60_000);
});
