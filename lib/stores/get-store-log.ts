import "server-only";
import { db } from "@/lib/db";
import { assertAdmin } from "@/lib/auth/assert-admin";
import { AppError } from "@/lib/errors";
import { listStores, type TStoreListItem } from "@/lib/stores/list-stores";
import type { TAdminSession } from "@/lib/auth/types";
import type { TEventOutcome } from "@/lib/stores/record-store-event";

/** Most events the log page shows (newest first). */
export const STORE_LOG_LIMIT = 200;

export interface TStoreLogEvent {
  id: string;
  providerEventId: string;
  type: string;
  outcome: TEventOutcome;
  reason: string | null;
  waitingFor: string | null;
  deliveries: number;
  receivedAt: Date;
  appliedAt: Date | null;
  order: { id: string; number: string } | null;
  /** The raw payload is still kept, so a failed or waiting event can be run again. */
  replayable: boolean;
}

export interface TStoreLog {
  store: TStoreListItem;
  events: TStoreLogEvent[];
}

/** A store's received-events log, the page vendors open when "my order didn't show up" (admins). */
export async function getStoreLog(actor: TAdminSession, storeId: string): Promise<TStoreLog> {
  assertAdmin(actor);
  const store = (await listStores(actor)).find((s) => s.id === storeId);
  if (!store) throw new AppError("not_found", "There is no such store.");
  const rows = await db().storeEvent.findMany({
    where: { storeId },
    orderBy: { receivedAt: "desc" },
    take: STORE_LOG_LIMIT,
    select: {
      id: true,
      providerEventId: true,
      type: true,
      outcome: true,
      reason: true,
      waitingFor: true,
      deliveries: true,
      receivedAt: true,
      appliedAt: true,
      orderId: true,
      // Never the payloads themselves (up to 1 MB each): purging clears payloadPurgeAfter with them.
      payloadPurgeAfter: true,
    },
  });
  const orderIds = rows.flatMap((r) => (r.orderId ? [r.orderId] : []));
  const orders = await db().order.findMany({ where: { id: { in: orderIds } }, select: { id: true, number: true } });
  return {
    store,
    events: rows.map(({ payloadPurgeAfter, orderId, ...row }) => ({
      ...row,
      order: orders.find((o) => o.id === orderId) ?? null,
      replayable: payloadPurgeAfter !== null && (row.outcome === "failed" || row.outcome === "waiting"),
    })),
  };
}
