import { z } from "zod";
import { editDistance, typoTolerance } from "../../model/edit-distance.js";
import { quote } from "../quote.js";

/**
 * An object of the Kubernetes API with strict field validation, as kubectl applies it by
 * default (`--validate=strict`): a field the API type does not have is an error, one per field,
 * at the field (`podSelecter` would otherwise be dropped by the API server's decoder, and its
 * policy select every pod). `unmodelled` names the type's other fields, legitimate but never
 * read here (see `api-fields.ts`). The check runs even when other fields are invalid, so that a
 * typo is reported along with what it caused.
 */
export function strictObject<S extends z.core.$ZodLooseShape>(shape: S, unmodelled: readonly string[] = []) {
  const known = [...new Set([...Object.keys(shape), ...unmodelled])];
  const knownSet = new Set(known);
  return z.looseObject(shape).superRefine(
    (value, ctx) => {
      if (typeof value !== "object" || value === null || Array.isArray(value)) return;
      for (const key of Object.keys(value)) {
        if (knownSet.has(key)) continue;
        const suggestion = closestField(key, known);
        ctx.addIssue({
          code: "custom",
          path: [key],
          message: `unknown field ${quote(key)}${suggestion === undefined ? "" : `; did you mean ${suggestion}?`}`,
          params: { unknownField: key, suggestion },
        });
      }
    },
    { when: () => true },
  );
}

/** True for the issues `strictObject` adds; their path ends with the unknown field. */
export function isUnknownFieldIssue(issue: z.core.$ZodIssue): boolean {
  return issue.code === "custom" && typeof issue.params?.unknownField === "string";
}

/**
 * Without the "is required but missing" issues that an unknown field's suggestion explains
 * (`containerport` for `containerPort`): one typo, one message.
 */
export function withoutExplainedMissingFields(issues: readonly z.core.$ZodIssue[]): z.core.$ZodIssue[] {
  const suggested = new Set<string>();
  for (const issue of issues) {
    const suggestion =
      issue.code === "custom" && isUnknownFieldIssue(issue) ? issue.params?.suggestion : undefined;
    if (typeof suggestion === "string")
      suggested.add(JSON.stringify([...issue.path.slice(0, -1), suggestion]));
  }
  return issues.filter(
    (issue) =>
      !(
        issue.code === "invalid_type" &&
        issue.input === undefined &&
        suggested.has(JSON.stringify(issue.path))
      ),
  );
}

/** The closest known field within typing distance (`matchLabel` → `matchLabels`), if any. */

function closestField(key: string, known: readonly string[]): string | undefined {
  const lower = key.toLowerCase();
  let best: { field: string; distance: number } | undefined;
  for (const field of known) {
    // A difference of case only (`containerport`) is the closest there is.
    const distance = field.toLowerCase() === lower ? 0 : editDistance(key, field);
    if (distance > typoTolerance(field)) continue;
    if (best === undefined || distance < best.distance) best = { field, distance };
  }
  return best?.field;
}
