import { joinAnd } from "./describe.js";

/** What documents an object: its annotations, and the comment block right above it (or its metadata). */
export interface Documentable {
  readonly annotations: Readonly<Record<string, string>>;
  readonly leadingComment?: string;
}

/** A plain word, possibly ending with punctuation (`Allow`, `kube-dns,`, `why:`). */
const WORD = /^[\p{L}][\p{L}\p{N}'’-]*[.,;:!?)]*$/u;
/** A leading `key:` as commented-out YAML or Helm's `# Source: chart/templates/x.yaml` start. */
const YAML_KEY = /^-?\s*[\w./-]+:(?:\s|$)/;

/**
 * Whether one comment line says something: at least two words besides a leading `key:`. So
 * `# ----`, `# ====`, `# Source: chart/templates/np.yaml` and commented-out YAML
 * (`# podSelector: {}`, `# name: web`) do not document anything.
 */
export function isDescriptiveLine(line: string): boolean {
  const words = line
    .replace(YAML_KEY, "")
    .split(/\s+/)
    .filter((token) => WORD.test(token));
  return words.length >= 2;
}

/**
 * Undefined when the object is documented: an accepted annotation with a non-blank value, or a
 * comment block with a descriptive line. Otherwise the sentence opening that says what is
 * missing, ending with "why this <what> exists".
 */
export function missingDocumentation(
  object: Documentable,
  keys: readonly string[],
  what: string,
): string | undefined {
  const present = keys.filter((key) => Object.hasOwn(object.annotations, key));
  if (present.some((key) => (object.annotations[key] as string).trim() !== "")) return undefined;
  if (object.leadingComment?.split("\n").some(isDescriptiveLine)) return undefined;
  return present.length > 0
    ? `Its ${present[0]} annotation is empty, and no comment right above it says why this ${what} exists`
    : `No ${joinAnd(keys, "or")} annotation, and no comment right above it, says why this ${what} exists`;
}
