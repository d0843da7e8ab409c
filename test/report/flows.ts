import type { DirectionExplanation, FlowExplanation, Reason } from "../../src/analysis/review/types.js";
import { PortSet } from "../../src/model/port-set.js";
import { tcp } from "./reviews.js";

/** Hand-built flow explanations, one per reason kind, for the explain renderers. */

const notIsolated = (
  direction: "ingress" | "egress",
  detail: string,
  allowed = tcp(3000),
): DirectionExplanation => ({
  direction,
  isolated: false,
  allowed,
  reasons: [{ direction, effect: "not-isolated", policy: null, rule: null, file: null, line: null, detail }],
});

const reason = (r: Omit<Reason, "direction"> & { direction?: Reason["direction"] }): Reason => ({
  direction: "ingress",
  ...r,
});

const FROM = "ingress-nginx/[all pods]";
const TO = "shop/frontend[Deployment]";

/** At base, the ingress controller reaches the frontend through `allow-from-ingress-nginx`. */
export const FRONTEND_AT_BASE: FlowExplanation = {
  from: FROM,
  to: TO,
  allowed: tcp(3000),
  egress: notIsolated("egress", "no NetworkPolicy selects these pods for egress"),
  ingress: {
    direction: "ingress",
    isolated: true,
    allowed: tcp(3000),
    reasons: [
      reason({
        effect: "allows",
        policy: "NetworkPolicy shop/allow-from-ingress-nginx",
        rule: 0,
        file: "shop/policies.yaml",
        line: 57,
        ports: tcp(3000),
        detail: "ingress rule 1 admits all pods in namespace ingress-nginx on TCP 3000",
      }),
    ],
  },
};

/** At head, the relabelled frontend is selected only by policies that admit none of it. */
export const FRONTEND_AT_HEAD: FlowExplanation = {
  from: FROM,
  to: TO,
  allowed: PortSet.EMPTY,
  egress: notIsolated("egress", "no NetworkPolicy selects these pods for egress"),
  ingress: {
    direction: "ingress",
    isolated: true,
    allowed: PortSet.EMPTY,
    reasons: [
      reason({
        effect: "isolates",
        policy: "NetworkPolicy shop/default-deny",
        rule: null,
        file: "shop/policies.yaml",
        line: 1,
        detail: "selects these pods and has no ingress rules, so it allows nothing",
      }),
      reason({
        effect: "isolates",
        policy: "NetworkPolicy shop/allow-prometheus-scrape",
        rule: null,
        file: "shop/policies.yaml",
        line: 130,
        detail: "no ingress rule admits all pods in namespace ingress-nginx",
      }),
    ],
  },
};

/** The new reporting job: absent at base; at head its egress and postgres' ingress both allow 5432. */
export const REPORTING_AT_HEAD: FlowExplanation = {
  from: "payments/reporting[CronJob]",
  to: "data/postgres[StatefulSet]",
  allowed: tcp(5432),
  egress: {
    direction: "egress",
    isolated: true,
    allowed: tcp(5432),
    reasons: [
      reason({
        direction: "egress",
        effect: "isolates",
        policy: "NetworkPolicy payments/default-deny",
        rule: null,
        file: "payments/policies.yaml",
        line: 1,
        detail: "selects these pods and has no egress rules, so it allows nothing",
      }),
      reason({
        direction: "egress",
        effect: "isolates",
        policy: "NetworkPolicy payments/allow-dns",
        rule: null,
        file: "payments/policies.yaml",
        line: 16,
        detail: "no egress rule admits data/postgres[StatefulSet]",
      }),
      reason({
        direction: "egress",
        effect: "allows",
        policy: "NetworkPolicy payments/reporting-egress",
        rule: 0,
        file: "payments/policies.yaml",
        line: 111,
        ports: tcp(5432),
        detail: "egress rule 1 admits data/postgres[StatefulSet] on TCP 5432",
      }),
    ],
  },
  ingress: {
    direction: "ingress",
    isolated: true,
    allowed: tcp(5432),
    reasons: [
      reason({
        effect: "isolates",
        policy: "NetworkPolicy data/default-deny",
        rule: null,
        file: "data/policies.yaml",
        line: 1,
        detail: "selects these pods and has no ingress rules, so it allows nothing",
      }),
      reason({
        effect: "allows",
        policy: "NetworkPolicy data/postgres-ingress",
        rule: 0,
        file: "data/policies.yaml",
        line: 55,
        ports: tcp(5432),
        detail: "ingress rule 1 admits payments/reporting[CronJob] on TCP 5432",
      }),
      reason({
        effect: "isolates",
        policy: "NetworkPolicy data/allow-prometheus-scrape",
        rule: 0,
        file: "data/policies.yaml",
        line: 72,
        detail: "ingress rule 1 admits payments/reporting[CronJob], but not on these ports",
      }),
    ],
  },
};
