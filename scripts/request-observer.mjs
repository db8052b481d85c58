// Per-request observation for scripts/server.mjs: one JSON log line per request and the Prometheus
// request metrics, both keyed by the route *pattern* (`/orders/[number]`), never the raw path —
// paths carry sign-in tokens, download tokens and order numbers. Plain JavaScript like server.mjs.
import fs from "node:fs";
import path from "node:path";
import { Counter, Histogram, Registry } from "prom-client";

const LEVELS = ["debug", "info", "warn", "error"];
const threshold = Math.max(0, LEVELS.indexOf(process.env.KEYDESK_LOG_LEVEL ?? "info"));

// The same registry lib/metrics/registry.ts uses (one per process, on globalThis).
const KEY = Symbol.for("keydesk.metrics.registry");
globalThis[KEY] ??= new Registry();
const registry = globalThis[KEY];
const requests = new Counter({
  name: "keydesk_http_requests_total",
  help: "HTTP requests answered, by route group, method and status",
  labelNames: ["group", "method", "status"],
  registers: [registry],
});
const duration = new Histogram({
  name: "keydesk_http_request_duration_seconds",
  help: "Time to answer an HTTP request, by route group",
  labelNames: ["group"],
  buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [registry],
});

/** The app's route patterns from the build (`next build` writes them; absent in dev until built). */
function loadRoutes(root) {
  for (const file of [".next/routes-manifest.json", ".next/dev/routes-manifest.json"]) {
    try {
      const manifest = JSON.parse(fs.readFileSync(path.join(root, file), "utf8"));
      return [...manifest.staticRoutes, ...manifest.dynamicRoutes].map((r) => ({
        page: r.page,
        regex: new RegExp(r.regex),
      }));
    } catch {
      // next file
    }
  }
  return [];
}

/** The route pattern a path belongs to, e.g. "/download/[token]"; "(static)" or "(unmatched)". */
export function routeOf(routes, url) {
  const pathname = (url ?? "/").split("?")[0];
  if (pathname.startsWith("/_next/")) return "(static)";
  for (const route of routes) if (route.regex.test(pathname)) return route.page;
  return /\.[a-z0-9]{2,5}$/i.test(pathname) ? "(static)" : "(unmatched)";
}

/** The dashboard's coarse grouping of a route pattern. */
export function groupOf(route) {
  if (route === "(static)" || route === "(unmatched)") return route.slice(1, -1);
  if (route === "/api/health" || route === "/api/ready" || route === "/metrics") return "probe";
  if (route.startsWith("/api/")) return "api";
  if (route.startsWith("/agent")) return "agent";
  if (route.startsWith("/download") || route.startsWith("/support-attachments")) return "files";
  return "portal";
}

/** Starts watching the requests of this process; call `observe(req, res)` for each. */
export function createRequestObserver(root) {
  const routes = loadRoutes(root);
  return function observe(req, res) {
    const started = process.hrtime.bigint();
    res.once("close", () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const route = routeOf(routes, req.url);
      const group = groupOf(route);
      const status = res.writableFinished ? res.statusCode : 499; // 499: the client went away first
      requests.inc({ group, method: req.method ?? "GET", status: String(status) });
      duration.observe({ group }, seconds);
      // Static files and probes (load balancers ask every few seconds) only at debug level.
      const level = group === "static" || group === "probe" ? 0 : status >= 500 ? 3 : 1;
      if (level < threshold) return;
      const requestId = res.getHeader("x-request-id");
      const line = {
        t: new Date().toISOString(),
        level: LEVELS[level],
        msg: "request",
        method: req.method,
        route,
        status,
        ms: Math.round(seconds * 1000),
        ...(typeof requestId === "string" ? { requestId } : {}),
      };
      (level >= 2 ? process.stderr : process.stdout).write(JSON.stringify(line) + "\n");
    });
  };
}
