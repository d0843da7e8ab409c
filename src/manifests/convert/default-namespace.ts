/**
 * An object without a namespace, or with `namespace: ""`, goes where kubectl applies it: the
 * `default` namespace unless the user says otherwise.
 */
export function namespaceOrDefault(namespace: string | null | undefined): string {
  return namespace || "default";
}
