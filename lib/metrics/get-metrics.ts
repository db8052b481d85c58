import "server-only";
import { createHash, timingSafeEqual } from "node:crypto";
import { Gauge } from "prom-client";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { metricsRegistry } from "@/lib/metrics/registry";
import { queueStats } from "@/lib/metrics/queue-stats";

/**
 * `getMetrics(request)` — the Prometheus scrape (GET /metrics), for a caller holding
 * `KEYDESK_METRICS_TOKEN` as a bearer token (compared in constant time). Without the setting the
 * endpoint does not exist (not found); a wrong or missing token is unauthorized. Returns the text
 * exposition: this process's request and rate-limit counters, and the queue gauges read now.
 */
export async function getMetrics(request: Pick<Request, "headers">): Promise<{ contentType: string; body: string }> {
  const token = env().metricsToken;
  if (!token) throw new AppError("not_found", "Not found.");
  const offered = /^Bearer (\S+)$/i.exec(request.headers.get("authorization") ?? "")?.[1] ?? "";
  // Equal-length digests: the comparison takes as long for a short guess as for a near miss.
  const digest = (value: string) => createHash("sha256").update(value).digest();
  if (!timingSafeEqual(digest(offered), digest(token)))
    throw new AppError("unauthorized", "A valid bearer token is required.");
  await refreshQueueGauges();
  const registry = metricsRegistry();
  return { contentType: registry.contentType, body: await registry.metrics() };
}

function gauge(name: string, help: string, labelNames: string[]): Gauge {
  const existing = metricsRegistry().getSingleMetric(name);
  if (existing instanceof Gauge) return existing;
  return new Gauge({ name, help, labelNames, registers: [metricsRegistry()] });
}

async function refreshQueueGauges(): Promise<void> {
  const stats = await queueStats();
  const pending = gauge("keydesk_outbox_pending", "Outbox rows waiting for delivery, by channel", ["channel"]);
  const oldest = gauge("keydesk_outbox_oldest_pending_seconds", "Age of the oldest pending outbox row, by channel", [
    "channel",
  ]);
  const dead = gauge("keydesk_outbox_dead_letters", "Dead-lettered outbox rows, by channel", ["channel"]);
  const lag = gauge("keydesk_lookup_task_lag_seconds", "Age of the oldest look-up waiting for the worker", []);
  for (const metric of [pending, oldest, dead]) metric.reset();
  for (const channel of ["mail", "task", "webhook"]) {
    const entry = stats.channels.find((c) => c.channel === channel);
    pending.set({ channel }, entry?.pending ?? 0);
    oldest.set({ channel }, entry?.oldestPendingSeconds ?? 0);
    dead.set({ channel }, entry?.dead ?? 0);
  }
  lag.set(stats.lookupLagSeconds);
}
