import type { SourceRef } from "../../model/source.js";
import type { FieldPath, FieldPositions } from "../source-positions.js";

/** Where a value was written: a file, that file's positions, and the value's path in its document. */
export interface Origin {
  readonly file: string;
  readonly positions: FieldPositions;
  readonly path: FieldPath;
}

type Container = Record<string, unknown> | unknown[];

// Mappings and lists remember where they were written; scalars are found through their parent,
// or through a key origin when a transform or patch set them in a mapping written elsewhere.
const containerOrigins = new WeakMap<object, Origin>();
const keyOrigins = new WeakMap<object, Map<string, Origin>>();

export function isContainer(value: unknown): value is Container {
  return typeof value === "object" && value !== null;
}

export function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Records that `value` (decoded from `origin.file`) and every mapping and list in it were written there. */
export function track(value: unknown, origin: Origin): void {
  if (!isContainer(value)) return;
  containerOrigins.set(value, origin);
  const entries: [string | number, unknown][] = Array.isArray(value)
    ? [...value.entries()]
    : Object.entries(value);
  for (const [key, child] of entries) {
    if (isContainer(child) && !containerOrigins.has(child))
      track(child, { ...origin, path: [...origin.path, key] });
  }
}

/** `to`, recorded as written where `from` was (a copy of a patch value). */
export function withOriginOf<T extends object>(from: unknown, to: T): T {
  const origin = originOf(from);
  if (origin) containerOrigins.set(to, origin);
  return to;
}

export function originOf(value: unknown): Origin | undefined {
  return isContainer(value) ? containerOrigins.get(value) : undefined;
}

/** Sets `container[key]`, remembering that the new value was written at `origin` (a patch, a kustomization field). */
export function setField(
  container: Record<string, unknown>,
  key: string,
  value: unknown,
  origin: Origin | undefined,
): void {
  container[key] = value;
  if (origin === undefined) return;
  let map = keyOrigins.get(container);
  if (!map) {
    map = new Map();
    keyOrigins.set(container, map);
  }
  map.set(key, origin);
  if (isContainer(value) && !containerOrigins.has(value)) track(value, origin);
}

/** A deep copy that keeps every origin: bases are rendered once and copied for each overlay using them. */
export function cloneTracked<T>(value: T): T {
  if (!isContainer(value)) return value;
  const copy: Container = Array.isArray(value)
    ? value.map((item) => cloneTracked(item))
    : Object.fromEntries(Object.entries(value).map(([k, v]) => [k, cloneTracked(v)]));
  const origin = containerOrigins.get(value);
  if (origin) containerOrigins.set(copy, origin);
  const keys = keyOrigins.get(value);
  if (keys) keyOrigins.set(copy, new Map(keys));
  return copy as T;
}

/**
 * Positions of a rendered object: `lineOf` stays in the object's own file (the model's rule lines
 * carry no file), `refOf` gives the file and line that wrote the field, a patch's included.
 */
export class RenderedPositions implements FieldPositions {
  constructor(
    private readonly root: Record<string, unknown>,
    private readonly file: string,
  ) {}

  lineOf(path: FieldPath): number {
    const { home } = this.walk(path);
    return home ? home.positions.lineOf(home.path) : 1;
  }

  firstKeyLine(path: FieldPath): number {
    const { home, homeComplete } = this.walk(path);
    if (!home) return 1;
    return homeComplete ? home.positions.firstKeyLine(home.path) : home.positions.lineOf(home.path);
  }

  sourceText(path: FieldPath): string | undefined {
    const { origin } = this.walk(path);
    return origin?.positions.sourceText(origin.path);
  }

  /** The comment above the field in the object's own file (a resource's), where teams document it. */
  commentAbove(path: FieldPath): string[] {
    const { home, homeComplete } = this.walk(path);
    return home && homeComplete ? (home.positions.commentAbove?.(home.path) ?? []) : [];
  }

  refOf(path: FieldPath): SourceRef {
    const { origin } = this.walk(path);
    if (!origin) return { file: this.file, line: 1 };
    return { file: origin.file, line: origin.positions.lineOf(origin.path) };
  }

  private walk(path: FieldPath): { origin?: Origin; home?: Origin; homeComplete: boolean } {
    let node: unknown = this.root;
    let origin = containerOrigins.get(this.root);
    let home = origin?.file === this.file ? origin : undefined;
    let homeComplete = home !== undefined;
    for (const segment of path) {
      const keyOrigin = isContainer(node) ? keyOrigins.get(node)?.get(String(segment)) : undefined;
      const child: unknown = isContainer(node) ? (node as Record<string, unknown>)[segment] : undefined;
      const next = originOf(child) ?? keyOrigin ?? (origin && { ...origin, path: [...origin.path, segment] });
      if (next?.file === this.file) {
        home = next;
        homeComplete = true;
      } else homeComplete = false;
      origin = next;
      node = child;
    }
    return { ...(origin ? { origin } : {}), ...(home ? { home } : {}), homeComplete };
  }
}
