// The benchmark cases. The first one is the baseline: every other case is printed next to it, as
// measured in the same run on the same server, so results compare within a run (machines differ).
//
// To add a case (e.g. "lookup, known address" vs "lookup, unknown address"): append an entry whose
// `prepare` creates what it needs through the real interfaces (the signed order webhook, the CLI via
// runCli from test/helpers/app-server.ts) and returns the request to repeat. Cases that write should
// use a fresh id per request (`idReplacement` with `[<id>]` in the body).
import type { TAppServer } from "../test/helpers/app-server";

export interface TBenchRequest {
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  /** Path on the server under test (always loopback). */
  path: string;
  headers?: Record<string, string>;
  body?: string;
  idReplacement?: boolean;
}

export interface TBenchCase {
  name: string;
  /** One line: what the number means. */
  about: string;
  prepare: (server: TAppServer) => Promise<TBenchRequest>;
}

export const BASELINE_CASE: TBenchCase = {
  name: "health",
  about: "GET /api/health: routing, proxy (CSP nonce), one database read — the floor for every route",
  prepare: () => Promise.resolve({ method: "GET", path: "/api/health" }),
};

export const BENCH_CASES: TBenchCase[] = [BASELINE_CASE];
