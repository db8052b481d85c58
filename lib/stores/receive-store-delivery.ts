import "server-only";
import { createHash } from "node:crypto";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { AppError, isAppError } from "@/lib/errors";
import { log } from "@/lib/log";
import { storeDeliveries } from "@/lib/metrics/registry";
import { storeConnector } from "@/lib/stores/connectors";
import { processStoreEvents } from "@/lib/stores/process-store-events";
import { readRawBody } from "@/lib/stores/read-raw-body";
import { recordFailure, type TRecordedEvent } from "@/lib/stores/record-store-event";
import { STORE_CONFIG_SELECT, storeConfigOf } from "@/lib/stores/store-config";
import { sealDelivery } from "@/lib/stores/stored-delivery";
import type { TDelivery, TStoreConfig, TStoreConnector, TStoreEvent, TVerifyResult } from "@/lib/stores/types";

/** The HTTP answer to a store. */
export interface TStoreReply {
  status: number;
  contentType: string;
  body: string;
}

/**
 * A store's webhook delivery, from raw bytes to recorded events: unknown or disabled store → 404;
 * a signature that verifies with neither the current secret nor the previous one (within its 24 h)
 * → 401 with nothing stored but the store's bad-signature counter; a signed body that cannot be read
 * → one failed event with the reason and 200 (retrying the same bytes cannot help; the admin
 * replays it); otherwise each event is recorded and applied, and the store gets its 2xx only after
 * that is committed — or 503 when some event may succeed on a redelivery.
 */
export async function receiveStoreDelivery(storeId: string, request: Request): Promise<TStoreReply> {
  try {
    return await receive(storeId, request);
  } catch (error) {
    if (isAppError(error)) throw error;
    // Database down or a bug: nothing was acknowledged, so the store delivers it again later.
    log.error("store delivery failed", { error });
    throw new AppError("unavailable", "The delivery could not be recorded; please deliver it again.", {
      retryAfterSeconds: 60,
    });
  }
}

async function receive(storeId: string, request: Request): Promise<TStoreReply> {
  const row =
    storeId.length <= 64 ? await db().store.findUnique({ where: { id: storeId }, select: STORE_CONFIG_SELECT }) : null;
  const connector = row ? storeConnector(row.provider) : null;
  if (!row || row.disabled || !connector) throw new AppError("not_found", "There is no such store.");

  const now = new Date();
  const delivery: TDelivery = {
    headers: request.headers,
    rawBody: await readRawBody(request),
    url: new URL(request.url),
    receivedAt: now,
  };
  const config = storeConfigOf(row, now);
  const verified = await verifyDelivery(connector, delivery, config);
  if (!verified.ok) {
    if (verified.reason === "unverifiable") {
      throw new AppError("unavailable", "The delivery could not be verified right now.", { retryAfterSeconds: 60 });
    }
    await db().store.update({
      where: { id: row.id },
      data: { badSignatureCount: { increment: 1 }, lastBadSignatureAt: now },
    });
    storeDeliveries().inc({ provider: connector.provider, outcome: "bad_signature" });
    throw new AppError("unauthorized", "The delivery's signature does not verify.");
  }

  const payload = { payloadEnc: sealDelivery(delivery), purgeAfter: new Date(now.getTime() + env().storePayloadMs) };
  let events: TStoreEvent[];
  try {
    events = connector.parse(delivery);
  } catch (error) {
    // Signed by the store but unreadable: keyed by its bytes, so a redelivery is the same event.
    const id = `malformed:${createHash("sha256").update(delivery.rawBody).digest("hex").slice(0, 32)}`;
    const failed = await recordFailure(
      { id: row.id, name: row.name },
      { id, type: "unreadable delivery" },
      payload,
      error,
      now,
    );
    return answer(connector, [], [failed], delivery, config);
  }
  const recorded = await processStoreEvents(connector, config, events, payload, now);
  return answer(connector, events, recorded, delivery, config);
}

async function verifyDelivery(
  connector: TStoreConnector,
  delivery: TDelivery,
  config: TStoreConfig,
): Promise<TVerifyResult> {
  if (connector.needsSecret && config.secrets.length === 0) return { ok: false, reason: "missing_signature" };
  try {
    return await connector.verify(delivery, config);
  } catch (error) {
    log.warn("store signature check threw", { provider: connector.provider, error });
    return { ok: false, reason: "bad_signature" };
  }
}

function answer(
  connector: TStoreConnector,
  events: TStoreEvent[],
  recorded: TRecordedEvent[],
  delivery: TDelivery,
  config: TStoreConfig,
): TStoreReply {
  const summary = recorded.map((r) => ({ id: r.id, type: r.type, outcome: r.outcome }));
  for (const { outcome } of recorded) storeDeliveries().inc({ provider: connector.provider, outcome });
  if (recorded.some((r) => r.retryable)) {
    return { status: 503, contentType: "application/json", body: JSON.stringify({ received: false, events: summary }) };
  }
  const custom = connector.reply?.(events, delivery, config);
  return (
    custom ?? {
      status: 200,
      contentType: "application/json",
      body: JSON.stringify({ received: true, events: summary }),
    }
  );
}
