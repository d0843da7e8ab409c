import type { Finding } from "../model/finding.js";
import type { ManifestTree } from "../model/tree.js";

/** Files that share at least this many objects look like alternative installs, not a slip. */
const MIN_SHARED_OBJECTS = 2;

const RULE = "alternative-installs";

/** Files of one scope that define the same objects: what they share and the finding that says so. */
export interface AlternativeInstalls {
  readonly files: readonly string[];
  /** `NetworkPolicy ns/name`, `Deployment ns/name`: each defined in more than one of `files`. */
  readonly objects: readonly string[];
  readonly finding: Finding;
}

/**
 * Sets of files of one scope that define the same objects (kind, namespace, name) two or more
 * times over: a repository holding several installs of one application (`install.yaml`,
 * `namespace-install.yaml`, `ha/install.yaml`), which no cluster applies together. The review
 * says so once, with the `scopes:` that would separate them, instead of a duplicate finding per
 * object. One shared object stays a `duplicate-policy` finding: that is a mistake, not a layout.
 */
export function findAlternativeInstalls(tree: ManifestTree, scopeName: string): AlternativeInstalls[] {
  const filesOf = definitions(tree);
  const shared = new Map<string, Set<string>>();
  for (const [object, files] of filesOf) {
    if (files.size < 2) continue;
    const key = JSON.stringify([...files].sort());
    const set = shared.get(key);
    if (set) set.add(object);
    else shared.set(key, new Set([object]));
  }
  // Files linked through shared objects form one group (union-find over files).
  const parent = new Map<string, string>();
  const find = (file: string): string => {
    let root = file;
    while (parent.get(root) !== root) root = parent.get(root) as string;
    return root;
  };
  const linked: [string[], Set<string>][] = [];
  for (const [key, objects] of shared) {
    if (objects.size < MIN_SHARED_OBJECTS) continue;
    const files = JSON.parse(key) as string[];
    for (const file of files) if (!parent.has(file)) parent.set(file, file);
    for (const file of files) parent.set(find(file), find(files[0] as string));
    linked.push([files, objects]);
  }
  const groups = new Map<string, { files: Set<string>; objects: Set<string> }>();
  for (const [files, objects] of linked) {
    const root = find(files[0] as string);
    const group = groups.get(root) ?? { files: new Set<string>(), objects: new Set<string>() };
    for (const f of files) group.files.add(f);
    for (const o of objects) group.objects.add(o);
    groups.set(root, group);
  }
  return [...groups.values()].map((group) => {
    const files = [...group.files].sort();
    const objects = [...group.objects].sort();
    return { files, objects, finding: finding(files, objects, scopeName) };
  });
}

/** `findings` with each set of alternative installs said once, and what only repeats it left out. */
export function sayAlternativesOnce<T extends Finding>(
  findings: readonly T[],
  groups: readonly AlternativeInstalls[],
  said: (group: AlternativeInstalls) => T,
): T[] {
  if (groups.length === 0) return [...findings];
  return [...groups.map(said), ...findings.filter((f) => !repeatsAlternativeInstalls(f, groups))];
}

/** Whether a finding only repeats what an alternative-installs finding already says. */
function repeatsAlternativeInstalls(f: Finding, groups: readonly AlternativeInstalls[]): boolean {
  return groups.some((g) => {
    if (!g.files.includes(f.file) || f.object === undefined || !g.objects.includes(f.object)) return false;
    if (f.rule === "duplicate-policy") return true;
    if (f.rule === "invalid-manifest") return f.message.includes(" is defined twice; ");
    // A rule made redundant by the copy of its own policy in another install.
    return f.rule === "redundant-rule" && f.message.includes(` of ${f.object}`);
  });
}

/** Object → files defining it: policies (all kept) and the objects the loader kept once. */
function definitions(tree: ManifestTree): Map<string, Set<string>> {
  const filesOf = new Map<string, Set<string>>();
  const add = (object: string, file: string) => {
    const set = filesOf.get(object);
    if (set) set.add(file);
    else filesOf.set(object, new Set([file]));
  };
  for (const p of tree.policies) add(`NetworkPolicy ${p.namespace}/${p.name}`, p.source.file);
  for (const w of tree.workloads) add(`${w.kind} ${w.namespace}/${w.name}`, w.source.file);
  for (const s of tree.services) add(`Service ${s.namespace}/${s.name}`, s.source.file);
  // The loader keeps the first definition of a workload or Service and reports the others.
  for (const d of tree.diagnostics)
    if (d.object && d.message.includes(" is defined twice; ") && filesOf.has(d.object)) add(d.object, d.file);
  return filesOf;
}

function finding(files: readonly string[], objects: readonly string[], scopeName: string): Finding {
  // One line of flow-style YAML: every surface shows a fix on one line, as a code span.
  const scopes = files
    .map(
      (file) =>
        `{ name: ${scopeName === "plain" ? "" : `${scopeName}-`}${installName(file)}, include: [${JSON.stringify(file)}] }`,
    )
    .join(", ");
  const example = objects.slice(0, 3).join(", ");
  return {
    rule: RULE,
    severity: "warning",
    file: files[0] as string,
    line: 1,
    message: `${files.join(", ")} define the same ${objects.length} objects (${example}${objects.length > 3 ? ", …" : ""}): they look like alternative installs, which a cluster would not apply together, and this review analyses them as one cluster.`,
    fix: `Review each install as its own scope in .github/netpol-review.yml, adding to each the other files applied with it: \`scopes: [${scopes}]\``,
  };
}

/** `ha/install.yaml` → `ha-install`. */
function installName(file: string): string {
  return file.replace(/\.(ya?ml|json)$/, "").replace(/[^A-Za-z0-9._-]+/g, "-");
}
