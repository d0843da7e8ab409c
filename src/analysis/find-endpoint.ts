import { parseCidr } from "../manifests/cidr.js";
import { isPodEndpoint } from "../model/endpoint.js";
import { rangeWithin } from "../model/ip-range.js";
import type { ClusterAnalysis } from "./cluster.js";

/**
 * Finds the endpoint a person means: an exact id (`shop/web[Deployment]`), a workload as
 * `ns/name`, or an address or CIDR, which lands in the external range that contains it.
 */
export function findEndpoint(analysis: ClusterAnalysis, ref: string): { index: number } | { error: string } {
  const exact = analysis.endpoints.findIndex((e) => e.id === ref);
  if (exact >= 0) return { index: exact };

  const [namespace, name, ...rest] = ref.split("/");
  if (name !== undefined && rest.length === 0 && !/^[\d.:]+$/.test(namespace ?? "")) {
    const matches = analysis.endpoints.flatMap((e, i) =>
      isPodEndpoint(e) && e.name === name && e.namespace === namespace ? [i] : [],
    );
    if (matches.length === 1) return { index: matches[0] as number };
    if (matches.length > 1) {
      const ids = matches.map((i) => analysis.endpoints[i]?.id).join(", ");
      return { error: `${ref} is ambiguous: ${ids}; use one of these ids` };
    }
  }

  const cidr = parseCidr(ref.includes("/") ? ref : `${ref}/${ref.includes(":") ? 128 : 32}`);
  if (!("error" in cidr)) {
    const index = analysis.endpoints.findIndex((e) => e.kind === "External" && rangeWithin(cidr, e.range));
    if (index >= 0) return { index };
    return { error: `${ref} spans several external ranges; name a narrower address` };
  }
  return { error: `no workload or endpoint named ${ref}${suggestion(analysis, ref)}` };
}

function suggestion(analysis: ClusterAnalysis, ref: string): string {
  const name = ref.split("/").pop() ?? ref;
  const close = analysis.endpoints.filter((e) => isPodEndpoint(e) && e.name?.includes(name));
  return close.length > 0
    ? ` (did you mean ${close
        .slice(0, 3)
        .map((e) => e.id)
        .join(", ")}?)`
    : "";
}
