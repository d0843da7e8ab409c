export type Labels = Readonly<Record<string, string>>;

export type SelectorOperator = "In" | "NotIn" | "Exists" | "DoesNotExist";

export interface SelectorRequirement {
  readonly key: string;
  readonly operator: SelectorOperator;
  readonly values: readonly string[];
}

/**
 * A Kubernetes label selector with `matchLabels` already folded into `In` requirements, so
 * that two selectors that mean the same thing compare equal. The empty list matches everything.
 */
export interface LabelSelector {
  readonly requirements: readonly SelectorRequirement[];
}
