import "server-only";
import { db } from "@/lib/db";
import { assertAdmin } from "@/lib/auth/assert-admin";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { AppError, parseOrThrow } from "@/lib/errors";
import { storeConnector } from "@/lib/stores/connectors";
import { processStoreEvents } from "@/lib/stores/process-store-events";
import { failureOf, type TEventOutcome } from "@/lib/stores/record-store-event";
import { STORE_CONFIG_SELECT, storeConfigOf } from "@/lib/stores/store-config";
import { openDelivery } from "@/lib/stores/stored-delivery";
import { ZReplayEvent, type TReplayEventInput } from "@/lib/stores/schemas";
import type { TAdminSession } from "@/lib/auth/types";
import type { TRequestMeta } from "@/lib/http/request-meta";
import type { TStoreEvent } from "@/lib/stores/types";

/**
 * Runs a failed (or waiting) event again from its stored payload, as if the store delivered it
 * again (admins): e.g. after a product was fixed or a connector learnt a new field. A delivery that
 * was unreadable and now reads runs all its events. Answers the event's new outcome.
 */
export async function replayStoreEvent(
  actor: TAdminSession,
  input: TReplayEventInput,
  meta: TRequestMeta,
): Promise<{ outcome: TEventOutcome; reason?: string }> {
  assertAdmin(actor);
  const { storeId, eventId } = parseOrThrow(ZReplayEvent, input);
  const row = await db().storeEvent.findFirst({
    where: { id: eventId, storeId },
    select: { id: true, providerEventId: true, outcome: true, payloadEnc: true, payloadPurgeAfter: true },
  });
  if (!row) throw new AppError("not_found", "There is no such event.");
  if (row.outcome !== "failed" && row.outcome !== "waiting")
    throw new AppError("conflict", "Only failed or waiting events can be replayed.");
  if (!row.payloadEnc) throw new AppError("conflict", "This event's payload is no longer kept: it cannot be replayed.");
  const store = await db().store.findUnique({ where: { id: storeId }, select: STORE_CONFIG_SELECT });
  const connector = store ? storeConnector(store.provider) : null;
  if (!store || !connector) throw new AppError("not_found", "There is no such store.");

  const now = new Date();
  const payload = { payloadEnc: row.payloadEnc, purgeAfter: row.payloadPurgeAfter };
  const unreadable = row.providerEventId.startsWith("malformed:");
  let events: TStoreEvent[];
  try {
    events = connector.parse(openDelivery(row.payloadEnc));
  } catch (error) {
    const { reason } = failureOf(error);
    await db().storeEvent.update({ where: { id: row.id }, data: { reason: reason.slice(0, 500) } });
    return { outcome: "failed", reason };
  }
  const chosen = unreadable ? events : events.filter((e) => e.id === row.providerEventId);
  if (chosen.length === 0) throw new AppError("conflict", "The stored delivery no longer contains this event.");
  const results = await processStoreEvents(connector, storeConfigOf(store, now), chosen, payload, now, false);
  if (unreadable) {
    await db().storeEvent.update({
      where: { id: row.id },
      data: {
        outcome: "applied",
        appliedAt: now,
        reason: `Replayed: the delivery now reads as ${chosen.length} event(s)`,
      },
    });
  }
  await recordAuditEvent({
    actorType: "agent",
    actorId: actor.agentId,
    action: "store_event.replayed",
    targetType: "store_event",
    targetId: row.id,
    ip: meta.ip,
    userAgent: meta.userAgent,
    metadata: { storeId, outcome: results[0]?.outcome ?? "failed" },
  });
  const first = results[0];
  return unreadable ? { outcome: "applied" } : { outcome: first?.outcome ?? "failed", reason: first?.reason };
}
