// Enumeration check by timing: does "find my orders" (POST /api/v1/lookup) answer an address that has
// orders as fast as one that has none? N look-ups of known addresses and N of unknown ones (plus N
// GET /api/health as the same-run reference), interleaved in random order, one at a time, each
// address once and each from its own client IP (the server runs with TRUST_PROXY=1), so no rate
// limit triggers. Used by bench/run.ts and bench/lookup-timing.ts.
import { performance } from "node:perf_hooks";
import type { TAppServer } from "../../test/helpers/app-server";
import { ipOf } from "./seed";

export interface TTimingCheck {
  requests: number;
  medianMs: { health: number; known: number; unknown: number };
  p90Ms: { health: number; known: number; unknown: number };
  /** Median known − median unknown. */
  gapMs: number;
  /** Distinct (status + body) answers to the look-ups: 1 when the answer says nothing. */
  answers: string[];
}

export function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
}

/** Runs the interleaved timing check; `known` needs `requests` addresses that have orders. */
export async function checkLookupTiming(
  server: Pick<TAppServer, "url">,
  options: { known: string[]; requests: number; firstIp: number; unknownTag?: string },
): Promise<TTimingCheck> {
  const { requests } = options;
  if (options.known.length < requests) throw new Error(`timing check: needs ${requests} known addresses`);
  let ip = options.firstIp;
  const tag = options.unknownTag ?? String(Date.now());
  const plan = [
    ...options.known.slice(0, requests).map((email) => ({ kind: "known" as const, email })),
    ...Array.from({ length: requests }, (_, i) => ({
      kind: "unknown" as const,
      email: `nobody-${tag}-${i}@example.com`,
    })),
    ...Array.from({ length: requests }, () => ({ kind: "health" as const, email: "" })),
  ].sort(() => Math.random() - 0.5);
  const times: Record<"known" | "unknown" | "health", number[]> = { known: [], unknown: [], health: [] };
  const answers = new Set<string>();
  for (const step of plan) {
    const started = performance.now();
    const response =
      step.kind === "health"
        ? await fetch(`${server.url}/api/health`)
        : await fetch(`${server.url}/api/v1/lookup`, {
            method: "POST",
            headers: { "content-type": "application/json", "x-forwarded-for": ipOf(ip++) },
            body: JSON.stringify({ email: step.email }),
          });
    const text = await response.text();
    times[step.kind].push(performance.now() - started);
    if (step.kind !== "health") answers.add(`${response.status} ${text}`);
  }
  const pick = (q: number) => ({
    health: quantile(times.health, q),
    known: quantile(times.known, q),
    unknown: quantile(times.unknown, q),
  });
  const medianMs = pick(0.5);
  return { requests, medianMs, p90Ms: pick(0.9), gapMs: medianMs.known - medianMs.unknown, answers: [...answers] };
}
