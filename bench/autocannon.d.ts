// The part of autocannon 9's API that bench/run.ts uses (the package ships no types).
declare module "autocannon" {
  export interface TAutocannonOptions {
    url: string;
    connections?: number;
    duration?: number;
    timeout?: number;
    method?: string;
    headers?: Record<string, string>;
    body?: string;
    /** Replaces `[<id>]` in the body with a fresh id per request. */
    idReplacement?: boolean;
  }

  export interface TAutocannonHistogram {
    average: number;
    mean: number;
    stddev: number;
    min: number;
    max: number;
    p50: number;
    p90: number;
    p99: number;
    total?: number;
  }

  export interface TAutocannonResult {
    duration: number;
    requests: TAutocannonHistogram;
    latency: TAutocannonHistogram;
    errors: number;
    timeouts: number;
    non2xx: number;
    "2xx": number;
  }

  function autocannon(options: TAutocannonOptions): Promise<TAutocannonResult> & { stop: () => void };
  export default autocannon;
}
