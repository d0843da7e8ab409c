// Label keys (an optional DNS prefix and a name) and values, as Kubernetes validates them.
const KEY = "[A-Za-z0-9][A-Za-z0-9_.\\/-]*";
const VALUE = "[A-Za-z0-9_.-]*";
const SET = new RegExp(`^(${KEY})\\s+(in|notin)\\s+\\(([^)]*)\\)$`);
const EQUALITY = new RegExp(`^(${KEY})\\s*(==|=|!=)\\s*(${VALUE})$`);
const EXISTS = new RegExp(`^(!?)(${KEY})$`);

/**
 * A Kubernetes label selector string (`app=web,tier!=db,env in (a,b),!legacy`), as kustomize's
 * `labelSelector` and `annotationSelector` take it; `undefined` when it does not parse.
 */
export function parseSelectorString(
  text: string,
): ((labels: Readonly<Record<string, string>>) => boolean) | undefined {
  const requirements: ((labels: Readonly<Record<string, string>>) => boolean)[] = [];
  for (const part of splitTopLevel(text)) {
    const term = part.trim();
    if (term === "") continue;
    const set = SET.exec(term);
    if (set) {
      const [, key = "", op, list = ""] = set;
      const values = list.split(",").map((v) => v.trim());
      requirements.push((labels) =>
        Object.hasOwn(labels, key) && values.includes(labels[key] ?? "") ? op === "in" : op === "notin",
      );
      continue;
    }
    const equality = EQUALITY.exec(term);
    if (equality) {
      const [, key = "", op, value = ""] = equality;
      requirements.push((labels) => (op === "!=" ? labels[key] !== value : labels[key] === value));
      continue;
    }
    const exists = EXISTS.exec(term);
    if (!exists) return undefined;
    const [, not, key = ""] = exists;
    requirements.push((labels) => (not === "!") !== Object.hasOwn(labels, key));
  }
  return (labels) => requirements.every((requirement) => requirement(labels));
}

/** Commas separate requirements except inside `( … )`. */
function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === "(") depth++;
    else if (text[i] === ")") depth--;
    else if (text[i] === "," && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}
