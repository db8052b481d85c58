// The part of autocannon 9's API that the benchmark uses (the package ships no types).
declare module "autocannon" {
  export interface TAutocannonRequest {
    method?: string;
    path?: string;
    headers?: Record<string, string>;
    body?: string;
    /** Called before each send of this request; returns the request to send. */
    setupRequest?: (request: TAutocannonRequest) => TAutocannonRequest;
  }

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
    requests?: TAutocannonRequest[];
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
    /** Responses per HTTP status code. */
    statusCodeStats: Record<string, { count: number }>;
  }

  function autocannon(options: TAutocannonOptions): Promise<TAutocannonResult> & { stop: () => void };
  export default autocannon;
}
