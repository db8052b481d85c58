// npx tsx bench/profile-summary.ts FILE.cpuprofile [--top=25] [--per-requests=N] [--window=FROM-TO]
//                                   [--callers=NAME]   (who calls the functions whose name contains NAME)
//
// Reads a V8 CPU profile (node --cpu-prof) and prints where the time went: the top functions by self
// time and by total time (a function counted once per sample however deep its recursion), and the
// same grouped by package. Locations inside Next.js's server bundles (.next/server/chunks/*.js) are
// mapped back to their sources through the bundles' source maps, so "zod", "@prisma/client" or
// "lib/ratelimit" show up as themselves instead of as a chunk file. With --per-requests=N the times
// are also divided by N (the requests served while profiling); --window=FROM-TO (CLOCK_MONOTONIC µs,
// as bench/profile-lookup.ts prints it) counts only the samples taken in that interval.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { SourceMap, type SourceMapPayload } from "node:module";

interface TCallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
  columnNumber: number;
}

interface TProfileNode {
  id: number;
  callFrame: TCallFrame;
  children?: number[];
}

export interface TCpuProfile {
  nodes: TProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

interface TFrame {
  /** "name (source:line)" — one entry per function. */
  key: string;
  group: string;
}

const SPECIAL = new Set(["(program)", "(garbage collector)", "(idle)", "(root)"]);

const maps = new Map<string, SourceMap | null>();

function sourceMapOf(file: string): SourceMap | null {
  if (!maps.has(file)) {
    let map: SourceMap | null = null;
    try {
      map = new SourceMap(JSON.parse(fs.readFileSync(`${file}.map`, "utf8")) as SourceMapPayload);
    } catch {
      map = null;
    }
    maps.set(file, map);
  }
  return maps.get(file) ?? null;
}

/** The package (or app folder) a source path belongs to. */
export function groupOf(source: string): string {
  if (source === "") return "(native / V8)";
  if (source.startsWith("node:")) {
    if (source.includes("webstreams")) return "node: web streams";
    if (source.includes("undici")) return "node: undici (Request/Response)";
    if (/_http_|node:http|node:net|stream_base|node:internal\/streams/.test(source)) return "node: http, net, streams";
    if (source.includes("crypto")) return "node: crypto";
    if (source.includes("async_hooks")) return "node: async_hooks (AsyncLocalStorage)";
    return "node: other";
  }
  if (source.includes("/bench/")) return "bench preload (SQL counter)";
  const modules = source.lastIndexOf("node_modules/");
  if (modules >= 0) {
    const rest = source.slice(modules + "node_modules/".length).split("/");
    return rest[0]?.startsWith("@") ? `${rest[0]}/${rest[1] ?? ""}` : (rest[0] ?? "node_modules");
  }
  const relative = source.replace(/^.*?\/(app|lib|scripts|proxy\.ts)/, "$1");
  if (relative.startsWith("lib/")) return relative.split("/").slice(0, 2).join("/");
  if (relative.startsWith("app/")) return "app";
  if (relative.startsWith("proxy.ts")) return "proxy.ts";
  if (relative.startsWith("scripts/")) return "scripts";
  return source.includes("[turbopack]") || source.includes("turbopack") ? "next (turbopack runtime)" : source;
}

function frameOf(callFrame: TCallFrame): TFrame {
  const name = callFrame.functionName || "(anonymous)";
  if (SPECIAL.has(name) && callFrame.url === "") return { key: name, group: name };
  let source = callFrame.url;
  let line = callFrame.lineNumber + 1;
  if (source.startsWith("file://")) source = fileURLToPath(source);
  if (source.endsWith(".js") && source.includes(`${path.sep}.next${path.sep}`)) {
    const entry = sourceMapOf(source)?.findEntry(callFrame.lineNumber, callFrame.columnNumber);
    if (entry && "originalSource" in entry && entry.originalSource) {
      source = entry.originalSource.replace(/^turbopack:\/\/\/\[project\]\//, "").replace(/^file:\/\//, "");
      line = entry.originalLine + 1;
    }
  }
  // Source maps name packages as URLs ("%40prisma/…").
  source = decodeURIComponent(source);
  const shortSource = source.includes("node_modules/")
    ? source.slice(source.lastIndexOf("node_modules/") + "node_modules/".length)
    : source
        .replace(/^(\.\.\/)+/, "")
        .replace(/^.*?\/wt-[^/]+\//, "")
        .replace(/^.*?\/keydesk\//, "");
  return { key: `${name} (${shortSource || "native"}${shortSource ? `:${line}` : ""})`, group: groupOf(source) };
}

export interface TProfileSummary {
  /** Sampled time (in the window), idle included. */
  totalMs: number;
  /** Sampled time minus "(idle)". */
  busyMs: number;
  selfByFunction: [string, number][];
  totalByFunction: [string, number][];
  selfByGroup: [string, number][];
  totalByGroup: [string, number][];
}

/** Self and total time per function and per package, in milliseconds, largest first. */
export function summariseProfile(profile: TCpuProfile, window?: [number, number]): TProfileSummary {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const frames = new Map(profile.nodes.map((n) => [n.id, frameOf(n.callFrame)]));
  const add = (map: Map<string, number>, key: string, ms: number) => map.set(key, (map.get(key) ?? 0) + ms);
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  const groupSelf = new Map<string, number>();
  const groupTotal = new Map<string, number>();
  let totalMs = 0;
  let idleMs = 0;
  let at = profile.startTime;
  profile.samples.forEach((id, i) => {
    at += profile.timeDeltas[i] ?? 0;
    if (window && (at < window[0] || at > window[1])) return;
    const ms = (profile.timeDeltas[i] ?? 0) / 1000;
    totalMs += ms;
    const leaf = frames.get(id);
    if (!leaf) return;
    if (leaf.key === "(idle)") idleMs += ms;
    add(self, leaf.key, ms);
    add(groupSelf, leaf.group, ms);
    const seenKeys = new Set<string>();
    const seenGroups = new Set<string>();
    for (let node: number | undefined = id; node !== undefined && byId.has(node); node = parent.get(node)) {
      const frame = frames.get(node);
      if (!frame || frame.key === "(root)") continue;
      if (!seenKeys.has(frame.key)) add(total, frame.key, ms);
      if (!seenGroups.has(frame.group)) add(groupTotal, frame.group, ms);
      seenKeys.add(frame.key);
      seenGroups.add(frame.group);
    }
  });
  const sorted = (map: Map<string, number>) => [...map].sort((a, b) => b[1] - a[1]);
  return {
    totalMs,
    busyMs: totalMs - idleMs,
    selfByFunction: sorted(self),
    totalByFunction: sorted(total),
    selfByGroup: sorted(groupSelf),
    totalByGroup: sorted(groupTotal),
  };
}

function printTop(title: string, rows: [string, number][], top: number, totalMs: number, perRequests?: number) {
  console.log(`\n${title}`);
  for (const [key, ms] of rows.slice(0, top)) {
    const share = `${((100 * ms) / totalMs).toFixed(1)}%`.padStart(6);
    const each = perRequests ? `${((1000 * ms) / perRequests).toFixed(0).padStart(6)} µs/req` : "";
    console.log(`${ms.toFixed(0).padStart(8)} ms ${share} ${each}  ${key}`);
  }
}

/** For samples whose leaf function contains `match`: the heaviest caller chains (`depth` frames up). */
export function callersOf(
  profile: TCpuProfile,
  match: string,
  depth = 6,
  window?: [number, number],
): [string, number][] {
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const frames = new Map(profile.nodes.map((n) => [n.id, frameOf(n.callFrame)]));
  const chains = new Map<string, number>();
  let at = profile.startTime;
  profile.samples.forEach((id, i) => {
    at += profile.timeDeltas[i] ?? 0;
    if (window && (at < window[0] || at > window[1])) return;
    if (!frames.get(id)?.key.includes(match)) return;
    const chain: string[] = [];
    for (let node = parent.get(id); node !== undefined && chain.length < depth; node = parent.get(node)) {
      const key = frames.get(node)?.key;
      if (key && key !== "(root)") chain.push(key);
    }
    const text = chain.join("\n      ← ");
    chains.set(text, (chains.get(text) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  return [...chains].sort((a, b) => b[1] - a[1]);
}

/** Prints the four top lists; with `perRequests`, also the time per request. */
export function printSummary(name: string, summary: TProfileSummary, top: number, perRequests?: number): void {
  console.log(
    `${name}: ${(summary.totalMs / 1000).toFixed(1)} s sampled, ${(summary.busyMs / 1000).toFixed(1)} s busy` +
      (perRequests
        ? `, ${perRequests} requests → ${(summary.busyMs / perRequests).toFixed(2)} ms CPU per request`
        : ""),
  );
  printTop(`Top ${top} functions by self time`, summary.selfByFunction, top, summary.totalMs, perRequests);
  printTop(`Top ${top} functions by total time`, summary.totalByFunction, top, summary.totalMs, perRequests);
  printTop("Packages by self time", summary.selfByGroup, top, summary.totalMs, perRequests);
  printTop("Packages by total time (inclusive)", summary.totalByGroup, top, summary.totalMs, perRequests);
}

function main() {
  const args = process.argv.slice(2);
  const file = args.find((a) => !a.startsWith("--"));
  if (!file)
    throw new Error(
      "usage: tsx bench/profile-summary.ts FILE.cpuprofile [--top=25] [--per-requests=N] [--window=FROM-TO]",
    );
  const value = (name: string) => args.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
  const top = Number(value("top") ?? 25);
  const perRequests = value("per-requests") ? Number(value("per-requests")) : undefined;
  const windowText = value("window")?.split("-").map(Number);
  const window = windowText?.length === 2 ? (windowText as [number, number]) : undefined;
  const profile = JSON.parse(fs.readFileSync(file, "utf8")) as TCpuProfile;
  const callers = value("callers");
  if (callers) {
    console.log(`Heaviest caller chains of functions matching "${callers}":`);
    for (const [chain, ms] of callersOf(profile, callers, 8, window).slice(0, top))
      console.log(`${ms.toFixed(0).padStart(8)} ms  ← ${chain}`);
    return;
  }
  printSummary(path.basename(file), summariseProfile(profile, window), top, perRequests);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
