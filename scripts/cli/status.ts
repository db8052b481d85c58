import { env } from "@/lib/env";
import { checkReadiness } from "@/lib/system/check-readiness";
import { queueStats } from "@/lib/metrics/queue-stats";
import { listStores } from "@/lib/stores/list-stores";
import { CLI_ACTOR } from "@/lib/auth/assert-operator";

const DAY_MS = 86_400_000;

/**
 * status — the database, the queues and the stores at a glance (what /metrics exposes, read from the
 * database, so it covers every instance): per store its events that need an operator (failed,
 * waiting) and the deliveries refused for a bad signature.
 */
export async function run(args: string[]): Promise<void> {
  if (args.length > 0) throw new Error(`status takes no arguments (got "${args[0]}")`);
  const config = env();
  const readiness = await checkReadiness();
  const where = config.databaseProvider === "sqlite" ? `SQLite ${config.databaseUrl.slice(5)}` : "PostgreSQL";
  console.log(`database     ${readiness.database === "ok" ? "reachable" : "NOT REACHABLE"} (${where})`);
  console.log(`migrations   ${readiness.migrations === "ok" ? "all applied" : readiness.migrations}`);
  if (readiness.database !== "ok") throw new Error("the database does not answer");
  const stats = await queueStats();
  for (const channel of ["mail", "task", "webhook"] as const) {
    const entry = stats.channels.find((c) => c.channel === channel);
    console.log(
      `outbox ${channel.padEnd(7)} ${entry?.pending ?? 0} pending (oldest ${seconds(entry?.oldestPendingSeconds ?? 0)}), ${entry?.dead ?? 0} dead letters`,
    );
  }
  console.log(`look-ups     oldest waiting ${seconds(stats.lookupLagSeconds)}`);
  const stores = await listStores(CLI_ACTOR);
  if (stores.length === 0) console.log("stores       none yet (npm run keydesk -- store:add)");
  for (const store of stores) {
    const refused = store.badSignatureCount
      ? `${store.badSignatureCount} refused for a bad signature (last ${store.lastBadSignatureAt?.toISOString() ?? "?"})`
      : "none refused";
    console.log(
      `store        ${store.name} (${store.provider}${store.disabled ? ", DISABLED" : ""}): ${store.events.total} events, ${store.events.failed} failed, ${store.events.waiting} waiting; ${refused}`,
    );
  }
  const keep = config.retention;
  console.log(
    `retention    ${keep.intervalMs ? `every ${keep.intervalMs / 60_000} min` : "OFF"}; keeps sessions ${keep.sessionsMs / DAY_MS} d, links ${keep.linksMs / DAY_MS} d, delivered outbox ${keep.outboxMs / DAY_MS} d, dead letters ${keep.deadLettersMs / DAY_MS} d, audit ${keep.auditMs / DAY_MS} d, store events ${keep.storeEventsMs / DAY_MS} d`,
  );
  console.log(
    `metrics      ${config.metricsToken ? "GET /metrics on each web instance (bearer KEYDESK_METRICS_TOKEN): request counts, latency, rate-limit refusals" : "off (set KEYDESK_METRICS_TOKEN to enable GET /metrics)"}`,
  );
  if (readiness.status !== "ready") throw new Error("not ready: migrations are pending (run keydesk migrate)");
}

function seconds(value: number): string {
  if (value < 120) return `${Math.round(value)} s`;
  if (value < 7200) return `${Math.round(value / 60)} min`;
  return `${(value / 3600).toFixed(1)} h`;
}
