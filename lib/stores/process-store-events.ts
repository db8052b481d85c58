import "server-only";
import { db } from "@/lib/db";
import { log } from "@/lib/log";
import { DEFAULT_API_BASE } from "@/lib/stores/connectors";
import { StoreChangeError } from "@/lib/stores/store-change-error";
import { openDelivery } from "@/lib/stores/stored-delivery";
import { recordFailure, recordStoreEvent, type TPayload, type TRecordedEvent } from "@/lib/stores/record-store-event";
import type { TStore } from "@/lib/stores/apply-changes";
import type { TProviderFetch, TStoreConfig, TStoreConnector, TStoreEvent } from "@/lib/stores/types";

/** How deep a released wait may release further waits (an order → its refund → …). */
const MAX_RELEASE_DEPTH = 3;
const API_TIMEOUT_MS = 10_000;

/**
 * Runs a delivery's events one by one: completes each from the provider's API when the store has
 * an API key (Stripe's line items), records and applies it, then runs the events that were waiting
 * for what it brought (an order's refund, a transaction waiting for its customer's address).
 */
export async function processStoreEvents(
  connector: TStoreConnector,
  config: TStoreConfig,
  events: TStoreEvent[],
  payload: TPayload,
  now: Date,
  /** False for a replay: the events run again, but no delivery arrived. */
  delivered = true,
): Promise<TRecordedEvent[]> {
  const results: TRecordedEvent[] = [];
  for (const event of events) results.push(await runEvent(connector, config, event, payload, now, delivered));
  // Also what this delivery's waiting events wait for: the missing piece may have been committed by
  // a concurrent delivery between their check and their commit (its release then missed them).
  const keys = results.flatMap((r) => (r.outcome === "waiting" && r.waitingFor ? [r.waitingFor] : r.released));
  await releaseWaitingEvents(connector, config, keys, now);
  return results;
}

/** Completes one event from the provider's API when the store has a key, then records and applies it. */
async function runEvent(
  connector: TStoreConnector,
  config: TStoreConfig,
  event: TStoreEvent,
  payload: TPayload,
  now: Date,
  delivered: boolean,
): Promise<TRecordedEvent> {
  const store: TStore = { id: config.id, name: config.name };
  let ready = event;
  if (config.apiKey && connector.enrich && (await needsWork(store, event))) {
    try {
      ready = await connector.enrich(event, config, providerFetch(connector, config));
    } catch (error) {
      log.warn("store event could not be enriched", { provider: connector.provider, error });
      const message = error instanceof Error ? error.message : String(error);
      const failure = new StoreChangeError(`Could not fetch the details from ${connector.label}'s API: ${message}`);
      const recorded = await recordFailure(store, event, payload, failure, now);
      // The provider's API may answer on the next attempt: ask for a redelivery.
      return { ...recorded, reason: failure.message, retryable: recorded.outcome === "failed" };
    }
  }
  return recordStoreEvent(store, ready, payload, now, delivered);
}

/**
 * Runs again, each in its own transaction, the store's events waiting for `keys`: parsed from their
 * stored payload and completed from the provider's API like a delivery (a Polar grant's key).
 */
export async function releaseWaitingEvents(
  connector: TStoreConnector,
  config: TStoreConfig,
  keys: string[],
  now: Date,
  depth = 0,
): Promise<void> {
  if (keys.length === 0 || depth >= MAX_RELEASE_DEPTH) return;
  const waiting = await db().storeEvent.findMany({
    where: { storeId: config.id, outcome: "waiting", waitingFor: { in: [...new Set(keys)] } },
    orderBy: { receivedAt: "asc" },
    select: { providerEventId: true, payloadEnc: true },
  });
  const released: string[] = [];
  for (const row of waiting) {
    if (!row.payloadEnc) continue;
    let event: TStoreEvent | undefined;
    try {
      event = connector.parse(openDelivery(row.payloadEnc)).find((e) => e.id === row.providerEventId);
    } catch (error) {
      log.warn("waiting store event no longer parses", { provider: connector.provider, error });
    }
    if (!event) continue;
    const result = await runEvent(connector, config, event, { payloadEnc: null, purgeAfter: null }, now, false);
    released.push(...result.released);
  }
  await releaseWaitingEvents(connector, config, released, now, depth + 1);
}

/** False when the event is already recorded for good: no API call for a plain redelivery. */
async function needsWork(store: TStore, event: TStoreEvent): Promise<boolean> {
  const row = await db().storeEvent.findUnique({
    where: { storeId_providerEventId: { storeId: store.id, providerEventId: event.id } },
    select: { outcome: true },
  });
  return !row || row.outcome === "failed" || row.outcome === "waiting";
}

/** The provider's API with the store's key (Bearer, unless the connector sets its own Authorization). */
function providerFetch(connector: TStoreConnector, config: TStoreConfig): TProviderFetch {
  const base = (config.apiBase ?? DEFAULT_API_BASE[connector.provider] ?? "").replace(/\/+$/, "");
  return (path, init) => {
    const headers = new Headers(init?.headers);
    if (!headers.has("authorization") && config.apiKey) headers.set("authorization", `Bearer ${config.apiKey}`);
    return fetch(`${base}${path.startsWith("/") ? path : `/${path}`}`, {
      ...init,
      headers,
      signal: init?.signal ?? AbortSignal.timeout(API_TIMEOUT_MS),
    });
  };
}
