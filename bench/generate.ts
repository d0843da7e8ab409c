/**
 * Deterministic synthetic manifest trees for the benchmark: a platform repo with about 20
 * workloads per namespace, the usual policy shapes, and a "head" that changes about 10 policies
 * and labels. Output is YAML text, so that loading it includes parsing.
 */
import { stringify } from "yaml";

export interface GeneratedFile {
  path: string;
  size: number;
  content: string;
}

export interface GeneratedPair {
  base: GeneratedFile[];
  head: GeneratedFile[];
  /** What the head changes, one line per change. */
  changes: string[];
}

export const WORKLOADS_PER_NAMESPACE = 20;
export const INGRESS_NAMESPACE = "ingress-nginx";
export const MONITORING_NAMESPACE = "monitoring";
export const DEFAULT_SEED = 20_241_126;

/** Seeded PRNG (mulberry32): same seed, same sequence, on every machine. */
export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  int(maxExclusive: number): number {
    return Math.floor(this.next() * maxExclusive);
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[this.int(items.length)];
    if (item === undefined) throw new Error("pick from an empty list");
    return item;
  }

  shuffle<T>(items: readonly T[]): T[] {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      const j = this.int(i + 1);
      [out[i], out[j]] = [out[j] as T, out[i] as T];
    }
    return out;
  }
}

// ---------------------------------------------------------------------------------------------
// The Kubernetes shapes we write, and the cluster model they are rendered from

type Labels = Record<string, string>;

interface Selector {
  matchLabels?: Labels;
  matchExpressions?: {
    key: string;
    operator: "In" | "NotIn" | "Exists" | "DoesNotExist";
    values?: string[];
  }[];
}

interface Peer {
  podSelector?: Selector;
  namespaceSelector?: Selector;
  ipBlock?: { cidr: string; except?: string[] };
}

interface Port {
  protocol: "TCP" | "UDP";
  port?: number | string;
  endPort?: number;
}

interface PolicyDoc {
  apiVersion: "networking.k8s.io/v1";
  kind: "NetworkPolicy";
  metadata: { name: string; namespace: string; annotations?: Labels };
  spec: {
    podSelector: Selector;
    policyTypes: ("Ingress" | "Egress")[];
    ingress?: { from: Peer[]; ports?: Port[] }[];
    egress?: { to: Peer[]; ports?: Port[] }[];
  };
}

type AppTier = "web" | "api" | "worker" | "db" | "cache" | "agent" | "batch";
type Tier = AppTier | "monitoring";
type Kind = "Deployment" | "StatefulSet" | "DaemonSet" | "CronJob";

interface ContainerPort {
  name: string;
  containerPort: number;
  protocol: "TCP";
}

interface WorkloadModel {
  kind: Kind;
  name: string;
  tier: Tier;
  labels: Labels;
  ports: ContainerPort[];
}

interface NamespaceModel {
  name: string;
  labels: Labels;
  workloads: WorkloadModel[];
  policies: PolicyDoc[];
}

// ---------------------------------------------------------------------------------------------
// Builders, so that each policy below reads like its YAML

const labels = (matchLabels: Labels): Selector => ({ matchLabels });
const nsNamed = (name: string): Selector => labels({ "kubernetes.io/metadata.name": name });
const tierIs = (tier: Tier): Selector => labels({ tier });
const tiersIn = (...tiers: Tier[]): Selector => ({
  matchExpressions: [{ key: "tier", operator: "In", values: tiers }],
});
const pods = (podSelector: Selector, namespaceSelector?: Selector): Peer =>
  namespaceSelector ? { namespaceSelector, podSelector } : { podSelector };
const ipBlock = (cidr: string, ...except: string[]): Peer => ({
  ipBlock: except.length > 0 ? { cidr, except } : { cidr },
});
const tcp = (port: number | string, endPort?: number): Port =>
  endPort === undefined ? { protocol: "TCP", port } : { protocol: "TCP", port, endPort };

/** A rule of either direction: `peers` becomes `from` or `to`; no ports means every port. */
interface Rule {
  peers: Peer[];
  ports: Port[];
}
const rule = (peers: Peer[], ...ports: Port[]): Rule => ({ peers, ports });
const withPorts = (ports: Port[]) => (ports.length > 0 ? { ports } : {});

/**
 * A policy that isolates exactly the directions given (an empty list isolates and allows
 * nothing). A `null` description leaves the `kubernetes.io/description` annotation out.
 */
function policy(
  namespace: string,
  name: string,
  description: string | null,
  podSelector: Selector,
  rules: { ingress?: Rule[]; egress?: Rule[] },
): PolicyDoc {
  const spec: PolicyDoc["spec"] = { podSelector, policyTypes: [] };
  if (rules.ingress) {
    spec.policyTypes.push("Ingress");
    if (rules.ingress.length > 0)
      spec.ingress = rules.ingress.map((r) => ({ from: r.peers, ...withPorts(r.ports) }));
  }
  if (rules.egress) {
    spec.policyTypes.push("Egress");
    if (rules.egress.length > 0)
      spec.egress = rules.egress.map((r) => ({ to: r.peers, ...withPorts(r.ports) }));
  }
  const annotations =
    description === null ? {} : { annotations: { "kubernetes.io/description": description } };
  return {
    apiVersion: "networking.k8s.io/v1",
    kind: "NetworkPolicy",
    metadata: { name, namespace, ...annotations },
    spec,
  };
}

const KUBE_DNS = pods(labels({ "k8s-app": "kube-dns" }), nsNamed("kube-system"));
const INGRESS_CONTROLLER = pods(
  labels({ "app.kubernetes.io/name": "ingress-nginx" }),
  nsNamed(INGRESS_NAMESPACE),
);
const PROMETHEUS = pods(labels({ app: "prometheus" }), nsNamed(MONITORING_NAMESPACE));
const DENY_ALL = "Deny all traffic unless another policy allows it.";
const EVERY_POD: Selector = {};

// ---------------------------------------------------------------------------------------------
// The base cluster

const WORDS = (
  "orders cart search catalog pricing billing ledger invoice shipping tracking reviews profile auth " +
  "session notify mailer media thumbs feeds ranking ads fraud risk quotes stock returns loyalty " +
  "coupons geo tax audit export import sync webhooks chat support docs"
).split(" ");

const port = (name: string, containerPort: number): ContainerPort => ({
  name,
  containerPort,
  protocol: "TCP",
});

const TIER_SHAPE: Record<AppTier, { kind: Kind; ports: ContainerPort[] }> = {
  web: { kind: "Deployment", ports: [port("http", 8080), port("metrics", 9090)] },
  api: { kind: "Deployment", ports: [port("http", 8080), port("grpc", 9000), port("metrics", 9090)] },
  worker: { kind: "Deployment", ports: [port("metrics", 9090)] },
  db: { kind: "StatefulSet", ports: [port("postgres", 5432), port("metrics", 9187)] },
  cache: { kind: "StatefulSet", ports: [port("redis", 6379), port("metrics", 9121)] },
  agent: { kind: "DaemonSet", ports: [port("metrics", 9100)] },
  batch: { kind: "CronJob", ports: [] },
};

/** Tiers of the slots after the first three (web, api, db), by weight. */
const TIER_WEIGHTS: [AppTier, number][] = [
  ["web", 2],
  ["api", 6],
  ["worker", 2],
  ["db", 1],
  ["cache", 2],
  ["agent", 1],
  ["batch", 3],
];

function weightedTier(rng: Rng): AppTier {
  let r = rng.next() * TIER_WEIGHTS.reduce((sum, [, w]) => sum + w, 0);
  for (const [tier, weight] of TIER_WEIGHTS) {
    r -= weight;
    if (r < 0) return tier;
  }
  return "api";
}

function buildNamespace(rng: Rng, index: number, workloadCount: number, teams: number): NamespaceModel {
  const suffix = String(index).padStart(3, "0");
  const nsName = `${rng.pick(WORDS)}-${suffix}`;
  const envRoll = rng.next();
  const nsLabels: Labels = {
    team: `team-${index % teams}`,
    env: envRoll < 0.6 ? "prod" : envRoll < 0.85 ? "staging" : "dev",
  };
  if (rng.chance(0.1)) nsLabels.compliance = "pci";

  const workloads: WorkloadModel[] = [];
  const used = new Set<string>();
  for (let slot = 0; slot < workloadCount; slot++) {
    const tier: AppTier = slot === 0 ? "web" : slot === 1 ? "api" : slot === 2 ? "db" : weightedTier(rng);
    let name = `${rng.pick(WORDS)}-${tier}`;
    for (let n = 2; used.has(name); n++) name = `${rng.pick(WORDS)}-${tier}-${n}`;
    used.add(name);
    const { kind, ports } = TIER_SHAPE[tier];
    workloads.push({
      kind,
      name,
      tier,
      labels: { app: `${name}-${suffix}`, tier, team: nsLabels.team as string },
      ports,
    });
  }
  return { name: nsName, labels: nsLabels, workloads, policies: [] };
}

/** The policies of one application namespace, mostly tier to tier inside it. */
function basePolicies(rng: Rng, ns: NamespaceModel): PolicyDoc[] {
  const n = ns.name;
  const legacy = rng.chance(0.1); // a few namespaces never got an egress default-deny
  const out: PolicyDoc[] = [
    policy(n, "default-deny", DENY_ALL, EVERY_POD, legacy ? { ingress: [] } : { ingress: [], egress: [] }),
    policy(n, "allow-dns", "Every pod resolves names through kube-dns.", EVERY_POD, {
      egress: [rule([KUBE_DNS], { protocol: "UDP", port: 53 }, tcp(53))],
    }),
    policy(n, "allow-ingress-controller", "Public traffic reaches the web tier.", tierIs("web"), {
      ingress: [rule([INGRESS_CONTROLLER], tcp("http"))],
    }),
    policy(n, "allow-monitoring", "Prometheus scrapes every pod on its metrics port.", EVERY_POD, {
      ingress: [rule([PROMETHEUS], tcp("metrics"))],
    }),
    policy(n, "web-egress", "The web tier calls the API tier.", tierIs("web"), {
      egress: [rule([pods(tierIs("api"))], tcp(8080))],
    }),
    policy(n, "api-ingress", "The API tier serves the web tier, workers and jobs.", tierIs("api"), {
      ingress: [
        rule([pods(tierIs("web"))], tcp("http")),
        rule([pods(tiersIn("worker", "batch"))], tcp(8080), tcp("grpc")),
      ],
    }),
    policy(n, "api-egress", "The API tier uses the namespace's databases and caches.", tierIs("api"), {
      egress: [rule([pods(tierIs("db"))], tcp(5432)), rule([pods(tierIs("cache"))], tcp(6379))],
    }),
    policy(n, "db-ingress", "Databases accept the API tier and batch jobs.", tierIs("db"), {
      ingress: [rule([pods(tiersIn("api", "batch"))], tcp("postgres"))],
    }),
    policy(n, "cache-ingress", "Caches accept the API tier.", tierIs("cache"), {
      ingress: [rule([pods(tierIs("api"))], tcp(6379))],
    }),
    policy(
      n,
      "jobs-egress",
      "Workers and jobs call the API tier and the databases.",
      tiersIn("worker", "batch"),
      {
        egress: [rule([pods(tierIs("api"))], tcp(8080), tcp(9000)), rule([pods(tierIs("db"))], tcp(5432))],
      },
    ),
  ];
  if (rng.chance(0.3)) {
    const selector: Selector = {
      matchExpressions: [
        { key: "tier", operator: "In", values: ["api", "worker"] },
        { key: "egress-restricted", operator: "DoesNotExist" },
      ],
    };
    const v4 = ipBlock("0.0.0.0/0", "10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "169.254.169.254/32");
    const v6 = ipBlock("::/0", "fc00::/7", "fe80::/10");
    out.push(
      policy(n, "allow-external-https", "Public HTTPS; no private ranges, no metadata service.", selector, {
        egress: [rule([v4, v6], tcp(443))],
      }),
    );
  }
  if (rng.chance(0.2)) {
    const base = rng.int(16) * 16;
    const partner = ipBlock(`198.51.100.${base}/28`, `198.51.100.${base + 15}/32`);
    out.push(
      policy(n, "allow-partner-api", "The API tier calls a partner's published range.", tierIs("api"), {
        egress: [rule([partner], tcp(8443, 8453))],
      }),
    );
  }
  if (ns.workloads.some((w) => w.tier === "agent")) {
    out.push(
      policy(n, "agent-egress", "Node agents talk to the kubelet on the node network.", tierIs("agent"), {
        egress: [rule([ipBlock("10.0.0.0/16")], tcp(10250))],
      }),
    );
  }
  return out;
}

/** One API of `from` calls the API tier of `to`: an egress policy in `from`, an ingress peer in `to`. */
function addCrossNamespaceCall(from: NamespaceModel, to: NamespaceModel): void {
  const caller = from.workloads.find((w) => w.tier === "api");
  if (!caller) return;
  const callerSelector = labels({ app: caller.labels.app as string });
  from.policies.push(
    policy(from.name, `${caller.name}-to-${to.name}`, `Calls the APIs of ${to.name}.`, callerSelector, {
      egress: [rule([pods(tierIs("api"), nsNamed(to.name))], tcp(8080))],
    }),
  );
  const team = from.labels.team as string;
  const teamNamespaces: Selector = {
    matchLabels: { team },
    matchExpressions: [{ key: "env", operator: "NotIn", values: ["dev"] }],
  };
  const peers = to.policies.find((p) => p.metadata.name === "allow-team-callers")?.spec.ingress?.[0]?.from;
  if (!peers) {
    to.policies.push(
      policy(
        to.name,
        "allow-team-callers",
        "APIs of the listed teams (not dev) call this API tier.",
        tierIs("api"),
        {
          ingress: [rule([pods(tiersIn("api"), teamNamespaces)], tcp("http"))],
        },
      ),
    );
  } else if (!peers.some((p) => p.namespaceSelector?.matchLabels?.team === team)) {
    peers.push(pods(tiersIn("api"), teamNamespaces));
  }
}

function monitoringNamespace(): NamespaceModel {
  const n = MONITORING_NAMESPACE;
  const prometheus: WorkloadModel = {
    kind: "Deployment",
    name: "prometheus",
    tier: "monitoring",
    labels: { app: "prometheus", tier: "monitoring" },
    ports: [port("metrics", 9090)],
  };
  return {
    name: n,
    labels: { team: "sre", env: "prod" },
    workloads: [prometheus],
    policies: [
      policy(n, "default-deny", DENY_ALL, EVERY_POD, { ingress: [], egress: [] }),
      policy(n, "prometheus-egress", "Prometheus scrapes every namespace.", labels({ app: "prometheus" }), {
        egress: [rule([{ namespaceSelector: {} }], tcp("metrics"))],
      }),
    ],
  };
}

function buildCluster(workloads: number, seed: number): NamespaceModel[] {
  const rng = new Rng(seed);
  const nsCount = Math.max(1, Math.ceil(workloads / WORKLOADS_PER_NAMESPACE));
  const teams = Math.max(2, Math.round(nsCount / 4));
  const namespaces: NamespaceModel[] = [];
  for (let i = 0; i < nsCount; i++) {
    const count = Math.min(WORKLOADS_PER_NAMESPACE, workloads - i * WORKLOADS_PER_NAMESPACE);
    namespaces.push(buildNamespace(rng, i, count, teams));
  }
  for (const ns of namespaces) ns.policies = basePolicies(rng, ns);
  for (const ns of namespaces) {
    const other = rng.pick(namespaces);
    if (rng.chance(0.5) && other !== ns) addCrossNamespaceCall(ns, other);
  }
  return [...namespaces, monitoringNamespace()];
}

// ---------------------------------------------------------------------------------------------
// The head: about 10 reviewable changes

interface HeadChanges {
  changes: string[];
  /** Namespaces whose workloads or policies files changed. */
  touched: Set<string>;
  namespacesFileChanged: boolean;
}

/** Applies the head's changes to `cluster` in place. */
function applyHeadChanges(cluster: NamespaceModel[], seed: number): HeadChanges {
  const rng = new Rng(seed ^ 0x5eed);
  const apps = cluster.filter((ns) => ns.name !== MONITORING_NAMESPACE);
  const order = rng.shuffle(apps);
  let cursor = 0;
  const nextNs = (): NamespaceModel => order[cursor++ % order.length] as NamespaceModel;
  const find = (ns: NamespaceModel, name: string) => ns.policies.find((p) => p.metadata.name === name);
  const result: HeadChanges = { changes: [], touched: new Set(), namespacesFileChanged: false };
  const note = (ns: NamespaceModel, text: string): void => {
    result.touched.add(ns.name);
    result.changes.push(`${ns.name}: ${text}`);
  };

  // Add a port on both sides: web -> api on grpc.
  {
    const ns = nextNs();
    find(ns, "web-egress")?.spec.egress?.[0]?.ports?.push(tcp(9000));
    find(ns, "api-ingress")?.spec.ingress?.[0]?.ports?.push(tcp("grpc"));
    note(ns, "web-egress and api-ingress add port 9000/grpc (web -> api)");
  }
  // Widen a selector: the databases accept every pod of the namespace.
  {
    const ns = nextNs();
    const first = find(ns, "db-ingress")?.spec.ingress?.[0];
    if (first) first.from = [pods({})];
    note(ns, "db-ingress widened from tier in (api, batch) to every pod of the namespace");
  }
  // Widen a selector: the first team allowed to call an API tier becomes every namespace.
  {
    const ns = apps.find((x) => find(x, "allow-team-callers")) ?? nextNs();
    const peers = find(ns, "allow-team-callers")?.spec.ingress?.[0]?.from;
    if (peers) peers[0] = pods(tiersIn("api"), {});
    note(ns, peers ? "allow-team-callers: first peer widened to every namespace" : "nothing to widen");
  }
  // Delete two policies.
  for (const name of ["cache-ingress", "allow-dns"]) {
    const ns = nextNs();
    ns.policies = ns.policies.filter((p) => p.metadata.name !== name);
    note(ns, `${name} deleted`);
  }
  // Add two policies, the second without a description.
  {
    const ns = nextNs();
    ns.policies.push(
      policy(ns.name, "jobs-external", "Batch jobs upload reports.", tierIs("batch"), {
        egress: [rule([ipBlock("0.0.0.0/0", "10.0.0.0/8")], tcp(443))],
      }),
    );
    note(ns, "jobs-external added (batch -> 0.0.0.0/0 except 10.0.0.0/8, TCP 443)");
  }
  {
    const ns = nextNs();
    const team = rng.pick(apps).labels.team as string;
    ns.policies.push(
      policy(ns.name, "allow-debug", null, EVERY_POD, {
        ingress: [rule([{ namespaceSelector: labels({ team }) }])],
      }),
    );
    note(ns, `allow-debug added without description (every port, from the namespaces of ${team})`);
  }
  // Change one namespace label: a caller namespace becomes dev and drops out of `env NotIn (dev)`.
  {
    const caller = apps.find((x) => x.policies.some((p) => p.metadata.name.includes("-to-"))) ?? nextNs();
    const before = caller.labels.env;
    caller.labels.env = before === "dev" ? "staging" : "dev";
    result.namespacesFileChanged = true;
    result.changes.push(`namespace ${caller.name}: env ${before} -> ${caller.labels.env}`);
  }
  // Change one workload label: an API becomes a worker and leaves every api rule.
  {
    const ns = nextNs();
    const w = ns.workloads.find((x) => x.labels.tier === "api");
    if (w) w.labels.tier = "worker";
    note(ns, w ? `workload ${w.name}: tier api -> worker` : "no api workload to relabel");
  }
  return result;
}

// ---------------------------------------------------------------------------------------------
// YAML

function workloadDocs(ns: string, w: WorkloadModel): object[] {
  const container = {
    name: w.name,
    image: `registry.example.com/${ns}/${w.name}:1.${w.name.length}.0`,
    ...(w.ports.length > 0 ? { ports: w.ports } : {}),
    resources: { requests: { cpu: "100m", memory: "128Mi" }, limits: { memory: "512Mi" } },
  };
  const podSpec =
    w.kind === "CronJob"
      ? { restartPolicy: "OnFailure", containers: [container] }
      : { containers: [container] };
  const template = { metadata: { labels: w.labels }, spec: podSpec };
  const selector = { matchLabels: { app: w.labels.app } };
  const specs: Record<Kind, object> = {
    Deployment: { replicas: 2, selector, template },
    StatefulSet: { serviceName: w.name, replicas: 3, selector, template },
    DaemonSet: { selector, template },
    CronJob: { schedule: `${w.name.length % 60} 3 * * *`, jobTemplate: { spec: { template } } },
  };
  const docs: object[] = [
    {
      apiVersion: w.kind === "CronJob" ? "batch/v1" : "apps/v1",
      kind: w.kind,
      metadata: { name: w.name, namespace: ns, labels: { app: w.labels.app } },
      spec: specs[w.kind],
    },
  ];
  const served = w.ports[0];
  if (served && served.name !== "metrics") {
    const servicePort = served.name === "http" ? 80 : served.containerPort;
    docs.push({
      apiVersion: "v1",
      kind: "Service",
      metadata: { name: w.name, namespace: ns },
      spec: {
        selector: { app: w.labels.app },
        ports: [{ name: served.name, port: servicePort, targetPort: served.name }],
      },
    });
  }
  return docs;
}

function yamlFile(path: string, docs: readonly object[]): GeneratedFile {
  const content = docs.map((doc) => stringify(doc, { aliasDuplicateObjects: false })).join("---\n");
  return { path, size: Buffer.byteLength(content), content };
}

function namespacesFile(cluster: readonly NamespaceModel[]): GeneratedFile {
  const docs = cluster.map((ns) => ({
    apiVersion: "v1",
    kind: "Namespace",
    metadata: { name: ns.name, labels: ns.labels },
  }));
  return yamlFile("namespaces.yaml", docs);
}

function namespaceFiles(ns: NamespaceModel): GeneratedFile[] {
  return [
    yamlFile(
      `${ns.name}/workloads.yaml`,
      ns.workloads.flatMap((w) => workloadDocs(ns.name, w)),
    ),
    yamlFile(`${ns.name}/policies.yaml`, ns.policies),
  ];
}

/**
 * Base and head trees with `workloads` workloads (plus the monitoring namespace's Prometheus),
 * files sorted by path. The same arguments always give the same bytes.
 */
export function generatePair(workloads: number, seed = DEFAULT_SEED): GeneratedPair {
  const cluster = buildCluster(workloads, seed);
  const base = [namespacesFile(cluster), ...cluster.flatMap(namespaceFiles)].sort((a, b) =>
    a.path < b.path ? -1 : a.path > b.path ? 1 : 0,
  );
  const headCluster = structuredClone(cluster);
  const { changes, touched, namespacesFileChanged } = applyHeadChanges(headCluster, seed);
  // Re-render only the files the head touched, like a real PR; the others are the same strings.
  const replaced = new Map<string, GeneratedFile>();
  if (namespacesFileChanged) replaced.set("namespaces.yaml", namespacesFile(headCluster));
  for (const ns of headCluster) {
    if (touched.has(ns.name)) for (const f of namespaceFiles(ns)) replaced.set(f.path, f);
  }
  const head = base.map((f) => {
    const changed = replaced.get(f.path);
    return changed && changed.content !== f.content ? changed : f;
  });
  return { base, head, changes };
}
