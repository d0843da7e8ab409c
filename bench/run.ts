/**
 * `npm run bench [-- --sizes 100,1000]`: loads, diffs and analyses synthetic trees of several
 * sizes, each size in its own child process so that peak RSS is per size, and prints a
 * Markdown table. A child is the same file run with `--size <workloads>`.
 */
import { fork } from "node:child_process";
import os from "node:os";
import { fileURLToPath } from "node:url";
import { diffReachability } from "../src/analysis/diff.js";
import { computeReachability } from "../src/analysis/reach.js";
import { buildReview } from "../src/analysis/review/build.js";
import { loadManifests } from "../src/manifests/load.js";
import { ParseCache } from "../src/manifests/parse-cache.js";
import { generatePair } from "./generate.js";
import { generateRealTreePair } from "./generate-real-tree.js";

const DEFAULT_SIZES = [100, 1_000, 10_000];
/** The reach analysis of the head alone is measured up to this size. */
const REACH_MAX_WORKLOADS = 1_000;
const RUNS = 3;

interface SizeResult {
  size: number;
  files: number;
  baseBytes: number;
  namespaces: number;
  workloads: number;
  policies: number;
  loadMs: number;
  diffMs: number;
  reachMs: number | null;
  reviewMs: number;
  opened: number;
  closed: number;
  /** Peak RSS once the trees are generated (kB), before any measured work. */
  generatedRssKb: number;
  peakRssKb: number;
}

type Row = SizeResult | { size: number; error: string };

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/**
 * Runs `fn` RUNS times (collecting garbage before each run when --expose-gc is on): the median
 * wall time, and the median CPU time (user + system), steadier on a shared machine.
 */
function measure<T>(fn: () => T): { ms: number; cpuMs: number; result: T } {
  const times: number[] = [];
  const cpuTimes: number[] = [];
  let result: T | undefined;
  for (let i = 0; i < RUNS; i++) {
    globalThis.gc?.();
    const start = performance.now();
    const cpuStart = process.cpuUsage();
    result = fn();
    const cpu = process.cpuUsage(cpuStart);
    times.push(performance.now() - start);
    cpuTimes.push((cpu.user + cpu.system) / 1000);
  }
  return { ms: median(times), cpuMs: median(cpuTimes), result: result as T };
}

function measureSize(size: number): SizeResult {
  const { base, head } = generatePair(size);
  const generatedRssKb = process.resourceUsage().maxRSS;

  const load = measure(() => ({ base: loadManifests(base), head: loadManifests(head) }));
  const trees = load.result;
  const diff = measure(() => diffReachability(trees.base, trees.head));
  const reach = size <= REACH_MAX_WORKLOADS ? measure(() => computeReachability(trees.head)) : null;
  // What the app runs per push: the diff, attribution and grouping, and lint of both trees.
  const review = measure(() =>
    buildReview({
      base: trees.base,
      head: trees.head,
      baseRevision: { label: "base" },
      headRevision: { label: "head" },
    }),
  );

  return {
    size,
    files: head.length,
    baseBytes: base.reduce((sum, f) => sum + f.size, 0),
    namespaces: trees.head.namespaces.length,
    workloads: trees.head.workloads.length,
    policies: trees.head.policies.length,
    loadMs: load.ms,
    diffMs: diff.ms,
    reachMs: reach?.ms ?? null,
    reviewMs: review.ms,
    opened: diff.result.opened.length,
    closed: diff.result.closed.length,
    generatedRssKb,
    peakRssKb: process.resourceUsage().maxRSS,
  };
}

interface RealTreeResult {
  files: number;
  bytes: number;
  workloads: number;
  /** Loading the head and computing every pair: what `netpol-review reach` does once files are read. */
  reachMs: number;
  reachCpuMs: number;
  /** Loading base and head (one review) and diffing them: `netpol-review diff` once files are read. */
  diffMs: number;
  diffCpuMs: number;
  peakRssKb: number;
}

/** The kubeflow-sized tree: the CLI's `reach` and `diff` work on it, file reading aside. */
function measureRealTree(): RealTreeResult {
  const { base, head } = generateRealTreePair();
  const reach = measure(() => computeReachability(loadManifests(head)));
  const diff = measure(() => {
    // One cache per review, as the CLI and the app use it: files both trees hold are parsed once.
    const cache = new ParseCache();
    const trees = { base: loadManifests(base, { cache }), head: loadManifests(head, { cache }) };
    return diffReachability(trees.base, trees.head);
  });
  return {
    files: head.length,
    bytes: head.reduce((sum, f) => sum + f.size, 0),
    workloads: loadManifests(head).workloads.length,
    reachMs: reach.ms,
    reachCpuMs: reach.cpuMs,
    diffMs: diff.ms,
    diffCpuMs: diff.cpuMs,
    peakRssKb: process.resourceUsage().maxRSS,
  };
}

function runChild<T>(args: readonly string[]): Promise<T | string> {
  return new Promise((resolve) => {
    const child = fork(fileURLToPath(import.meta.url), args, { stdio: "inherit" });
    let result: T | undefined;
    child.on("message", (message) => {
      result = message as T;
    });
    child.on("error", (error) => resolve(`failed: ${error.message}`));
    child.on("exit", (code, signal) => resolve(result ?? `failed (${signal ?? `exit code ${code}`})`));
  });
}

const fmtMs = (ms: number | null): string => (ms === null ? "–" : ms < 10 ? ms.toFixed(2) : ms.toFixed(0));
const fmtMb = (kb: number): string => (kb / 1024).toFixed(0);
const fmtInt = (n: number): string => n.toLocaleString("en-US");

function markdownTable(rows: readonly Row[]): string {
  const header = [
    "| workloads | namespaces | policies | files | YAML base (MB) | load base+head (ms) | diff (ms) " +
      "| reach head (ms) | review (ms) | opened | closed | RSS after generate (MB) | peak RSS (MB) |",
    `|${"---:|".repeat(13)}`,
  ];
  const lines = rows.map((r) =>
    "error" in r
      ? `| ${fmtInt(r.size)} | ${r.error} ||||||||||||`
      : `| ${fmtInt(r.workloads)} | ${fmtInt(r.namespaces)} | ${fmtInt(r.policies)} | ${fmtInt(r.files)} | ${(r.baseBytes / 1e6).toFixed(2)} | ${fmtMs(r.loadMs)} | ${fmtMs(r.diffMs)} | ${fmtMs(r.reachMs)} | ${fmtMs(r.reviewMs)} | ${fmtInt(r.opened)} | ${fmtInt(r.closed)} | ${fmtMb(r.generatedRssKb)} | ${fmtMb(r.peakRssKb)} |`,
  );
  return [...header, ...lines].join("\n");
}

function machine(): string {
  const cpus = os.cpus();
  return [
    `- CPU: ${cpus[0]?.model.trim() ?? "unknown"} (${cpus.length} cores)`,
    `- Memory: ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`,
    `- Node: ${process.version} (${process.platform}/${process.arch})${globalThis.gc ? "" : ", without --expose-gc"}`,
  ].join("\n");
}

function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i === -1 ? undefined : process.argv[i + 1];
}

function realTreeText(result: RealTreeResult | string): string {
  if (typeof result === "string") return `Kubeflow-sized tree: ${result}`;
  return [
    "| tree | files | YAML per tree (MB) | workloads | reach: load + every pair (ms) | reach CPU (ms) | diff: load both + diff (ms) | diff CPU (ms) | peak RSS (MB) |",
    `|---|${"---:|".repeat(8)}`,
    `| kubeflow-sized (70% CRD bytes) | ${fmtInt(result.files)} | ${(result.bytes / 1e6).toFixed(1)} | ${fmtInt(result.workloads)} | ${fmtMs(result.reachMs)} | ${fmtMs(result.reachCpuMs)} | ${fmtMs(result.diffMs)} | ${fmtMs(result.diffCpuMs)} | ${fmtMb(result.peakRssKb)} |`,
  ].join("\n");
}

async function main(): Promise<void> {
  const childSize = argValue("--size");
  if (childSize !== undefined || process.argv.includes("--real-tree")) {
    const result = childSize === undefined ? measureRealTree() : measureSize(Number(childSize));
    process.send?.(result, () => process.disconnect());
    return;
  }
  const sizes = argValue("--sizes")?.split(",").map(Number) ?? DEFAULT_SIZES;
  const rows: Row[] = [];
  for (const size of sizes) {
    const result = await runChild<SizeResult>(["--size", String(size)]);
    rows.push(typeof result === "string" ? { size, error: result } : result);
  }
  const realTree = process.argv.includes("--no-real-tree")
    ? undefined
    : await runChild<RealTreeResult>(["--real-tree"]);
  console.log(`## netpol-review benchmark\n\n${machine()}\n`);
  console.log(markdownTable(rows));
  console.log(
    `\nMedian of ${RUNS} runs per size, each size in its own process. "load" parses and validates both trees;` +
      ` "diff" is diffReachability(base, head); "reach" is computeReachability(head), measured up to` +
      ` ${fmtInt(REACH_MAX_WORKLOADS)} workloads. Each head changes about 10 policies and labels.` +
      ` Peak RSS includes the generated YAML text.`,
  );
  if (realTree !== undefined) console.log(`\n${realTreeText(realTree)}`);
}

await main();
