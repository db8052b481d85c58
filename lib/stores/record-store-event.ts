import "server-only";
import { db, type TTx } from "@/lib/db";
import { newId } from "@/lib/crypto/tokens";
import { isAppError } from "@/lib/errors";
import { log } from "@/lib/log";
import { applyStoreChanges, type TApplyResult, type TStore } from "@/lib/stores/apply-changes";
import { StoreChangeError } from "@/lib/stores/store-change-error";
import { MalformedDeliveryError, type TStoreEvent } from "@/lib/stores/types";

export type TEventOutcome = "applied" | "duplicate" | "ignored" | "waiting" | "failed";

/** What happened to one event of a delivery. */
export interface TRecordedEvent {
  id: string;
  type: string;
  outcome: TEventOutcome;
  reason?: string;
  orderId?: string;
  /** What a waiting event waits for ("customer:<ref>", "order:<externalId>"). */
  waitingFor?: string;
  /** Waiting events that may run now (see `releaseWaitingEvents`). */
  released: string[];
  /** A failure a later attempt may not have (database busy, provider API down): ask for a redelivery. */
  retryable: boolean;
}

export interface TPayload {
  payloadEnc: string | null;
  purgeAfter: Date | null;
}

const ATTEMPTS = 4;
const MAX_REASON = 500;
/** Outcomes a redelivery, a replay or a released wait runs again; the others are final. */
const RERUNNABLE = ["failed", "waiting"] as const;

/**
 * Records one event and applies its changes in ONE transaction, so an event is either recorded
 * with its effects or not at all; (store, event id) is unique, so a redelivery — also a concurrent
 * one — finds the row and changes nothing. Failed and waiting events run again when delivered again.
 * A change that cannot be applied rolls everything back and is then recorded as failed with its reason.
 */
export async function recordStoreEvent(
  store: TStore,
  event: TStoreEvent,
  payload: TPayload,
  now: Date,
  /** False for runs no delivery caused (a replay, a released wait): the delivery count stays. */
  delivered = true,
): Promise<TRecordedEvent> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db().$transaction((tx) => recordInTransaction(tx, store, event, payload, now, delivered), {
        maxWait: 15_000,
        timeout: 30_000,
      });
    } catch (error) {
      // The loser of a race on the event (or on a new customer or order) retries and then sees the winner's row.
      if (isUniqueViolation(error) && attempt < ATTEMPTS) continue;
      return recordFailure(store, event, payload, error, now);
    }
  }
}

async function recordInTransaction(
  tx: TTx,
  store: TStore,
  event: TStoreEvent,
  payload: TPayload,
  now: Date,
  delivered: boolean,
): Promise<TRecordedEvent> {
  const count = delivered ? { deliveries: { increment: 1 } } : {};
  const where = { storeId_providerEventId: { storeId: store.id, providerEventId: event.id } };
  const existing = await tx.storeEvent.findUnique({ where, select: { id: true, outcome: true, orderId: true } });
  let rowId: string;
  if (existing) {
    const claimed = await tx.storeEvent.updateMany({
      where: { id: existing.id, outcome: { in: [...RERUNNABLE] } },
      data: { outcome: "applied", ...count, ...payloadFields(payload) },
    });
    if (claimed.count === 0) {
      if (delivered) await tx.storeEvent.update({ where: { id: existing.id }, data: count });
      return duplicate(event, existing.orderId);
    }
    rowId = existing.id;
  } else {
    rowId = newId();
    await tx.storeEvent.create({
      data: {
        id: rowId,
        storeId: store.id,
        providerEventId: event.id,
        type: event.type.slice(0, 120),
        outcome: "applied",
        receivedAt: now,
        ...payloadFields(payload),
      },
    });
  }
  const result: TApplyResult = await applyStoreChanges(tx, store, event, now);
  await tx.storeEvent.update({
    where: { id: rowId },
    data: {
      outcome: result.outcome,
      reason: result.reason?.slice(0, MAX_REASON) ?? null,
      waitingFor: result.waitingFor ?? null,
      orderId: result.orderId ?? null,
      appliedAt: result.outcome === "applied" ? now : null,
    },
  });
  return { id: event.id, type: event.type, ...result, retryable: false };
}

function payloadFields(payload: TPayload) {
  return payload.payloadEnc ? { payloadEnc: payload.payloadEnc, payloadPurgeAfter: payload.purgeAfter } : {};
}

function duplicate(event: TStoreEvent, orderId: string | null): TRecordedEvent {
  return {
    id: event.id,
    type: event.type,
    outcome: "duplicate",
    orderId: orderId ?? undefined,
    released: [],
    retryable: false,
  };
}

/** The readable reason of a failure, and whether trying again later may help. */
export function failureOf(error: unknown): { reason: string; retryable: boolean } {
  if (error instanceof StoreChangeError || error instanceof MalformedDeliveryError) {
    return { reason: error.message, retryable: false };
  }
  if (isAppError(error) && error.code === "invalid_input") {
    const fields = Object.entries(error.fieldErrors ?? {}).map(([k, v]) => `${k}: ${v.join(", ")}`);
    return {
      reason: `The order does not fit Keydesk's order contract: ${fields.join("; ") || error.message}`,
      retryable: false,
    };
  }
  log.error("store event failed", { error });
  return {
    reason: "Keydesk could not apply this event (internal error); the store will deliver it again",
    retryable: true,
  };
}

/** Records an event as failed (nothing of it applied); a row already final stays as it is. */
export async function recordFailure(
  store: TStore,
  event: { id: string; type: string },
  payload: TPayload,
  error: unknown,
  now: Date,
): Promise<TRecordedEvent> {
  const { reason, retryable } = failureOf(error);
  const failed: TRecordedEvent = { id: event.id, type: event.type, outcome: "failed", reason, released: [], retryable };
  try {
    const where = { storeId_providerEventId: { storeId: store.id, providerEventId: event.id } };
    const existing = await db().storeEvent.findUnique({ where, select: { id: true, outcome: true } });
    if (existing && !(RERUNNABLE as readonly string[]).includes(existing.outcome)) {
      return { ...failed, outcome: "duplicate", reason: undefined, retryable: false };
    }
    const data = {
      outcome: "failed" as const,
      reason: reason.slice(0, MAX_REASON),
      waitingFor: null,
      ...payloadFields(payload),
    };
    if (existing) await db().storeEvent.update({ where: { id: existing.id }, data });
    else
      await db().storeEvent.create({
        data: {
          id: newId(),
          storeId: store.id,
          providerEventId: event.id,
          type: event.type.slice(0, 120),
          receivedAt: now,
          ...data,
        },
      });
    return failed;
  } catch (recordError) {
    if (isUniqueViolation(recordError)) return { ...failed, outcome: "duplicate", reason: undefined, retryable: false };
    log.error("store event could not be recorded", { error: recordError });
    // Nothing recorded: the provider must deliver it again.
    return { ...failed, retryable: true };
  }
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && "code" in error && error.code === "P2002";
}
