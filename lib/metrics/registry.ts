import "server-only";
import { Counter, Registry } from "prom-client";

// One Prometheus registry per process, kept on globalThis: scripts/server.mjs (plain JavaScript,
// outside the Next.js bundle) registers the request metrics in it, lib adds its own, and /metrics
// renders them all. prom-client is a server-external package (next.config.js), so both load the
// same module.
const KEY = Symbol.for("keydesk.metrics.registry");

/** The process's metrics registry (created on first use). */
export function metricsRegistry(): Registry {
  const holder = globalThis as { [KEY]?: Registry };
  holder[KEY] ??= new Registry();
  return holder[KEY];
}

/** Requests refused by a rate limit, by rule name (e.g. "lookup:ip"). */
export function rateLimitRefusals(): Counter<"rule"> {
  const name = "keydesk_rate_limit_refusals_total";
  const existing = metricsRegistry().getSingleMetric(name);
  if (existing instanceof Counter) return existing;
  return new Counter({
    name,
    help: "Requests refused by a rate limit, by rule",
    labelNames: ["rule"],
    registers: [metricsRegistry()],
  });
}

/** Store webhook events by provider and outcome (applied, duplicate, ignored, waiting, failed), and refused deliveries (bad_signature). */
export function storeDeliveries(): Counter<"provider" | "outcome"> {
  const name = "keydesk_store_events_total";
  const existing = metricsRegistry().getSingleMetric(name);
  if (existing instanceof Counter) return existing;
  return new Counter({
    name,
    help: "Store webhook events received, by provider and outcome (bad_signature: a refused delivery)",
    labelNames: ["provider", "outcome"],
    registers: [metricsRegistry()],
  });
}
