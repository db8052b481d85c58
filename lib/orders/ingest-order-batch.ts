import "server-only";
import type { TTx } from "@/lib/db";
import type { TActor } from "@/lib/auth/types";
import type { TOrderPayload } from "@/lib/orders/schemas";
import {
  EXISTING_ORDER_SELECT,
  ingestInTransaction,
  inIntakeTransaction,
  type TExistingOrder,
  type TIngestResult,
} from "@/lib/orders/ingest-order";
import { createOrdersInBulk } from "@/lib/orders/create-orders-in-bulk";

/**
 * Stores many orders in ONE transaction with a handful of multi-row statements, with exactly the
 * outcome `ingestOrder` gives them one after another: idempotent on (source, externalId) — a stored
 * order goes through the usual update path, a repeat changes nothing —, new customers created with
 * the details of their first order and existing ones only filled in where empty, keys encrypted and
 * blind-indexed, one audit event per created order. Used by `orders:import`, where per-row
 * statements made the import 20× slower. A unique violation (a webhook storing one of the orders at
 * the same moment) retries the whole batch, which then sees that order as stored.
 */
export async function ingestOrderBatch(payloads: TOrderPayload[], actor: TActor): Promise<TIngestResult[]> {
  return inIntakeTransaction((tx) => ingestBatchInTransaction(tx, payloads, actor), 120_000);
}

const keyOf = (p: { source: string; externalId: string }) => `${p.source}\u0000${p.externalId}`;

async function ingestBatchInTransaction(tx: TTx, payloads: TOrderPayload[], actor: TActor): Promise<TIngestResult[]> {
  const products = new Map<string, string>();
  const stored = await findStoredOrders(tx, payloads);
  const results: TIngestResult[] = new Array<TIngestResult>(payloads.length);
  const fresh: { index: number; payload: TOrderPayload }[] = [];
  const seen = new Set<string>();

  const flush = async () => {
    const created = await createOrdersInBulk(tx, fresh, actor, products);
    fresh.forEach(({ index }, i) => (results[index] = created[i] as TIngestResult));
    fresh.length = 0;
  };

  for (const [index, payload] of payloads.entries()) {
    const key = keyOf(payload);
    if (seen.has(key)) {
      // The same order again in one batch: store what came before, then read it back as usual.
      await flush();
      results[index] = await ingestInTransaction(tx, payload, actor, undefined, products);
      continue;
    }
    seen.add(key);
    const existing = stored.get(key);
    if (existing) results[index] = await ingestInTransaction(tx, payload, actor, existing, products);
    else fresh.push({ index, payload });
  }
  await flush();
  return results;
}

/** The stored orders among the batch's (source, externalId) pairs, in one query per source. */
async function findStoredOrders(tx: TTx, payloads: TOrderPayload[]): Promise<Map<string, TExistingOrder>> {
  const bySource = new Map<string, string[]>();
  for (const p of payloads) bySource.set(p.source, [...(bySource.get(p.source) ?? []), p.externalId]);
  const stored = new Map<string, TExistingOrder>();
  for (const [source, externalIds] of bySource) {
    const rows = await tx.order.findMany({
      where: { source, externalId: { in: [...new Set(externalIds)] } },
      select: { ...EXISTING_ORDER_SELECT, source: true, externalId: true },
    });
    for (const row of rows) stored.set(keyOf(row), row);
  }
  return stored;
}
