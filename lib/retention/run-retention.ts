import "server-only";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { purgeInBatches } from "@/lib/retention/purge-in-batches";

/** How many rows one retention run deleted, per kind. */
export interface TRetentionResult {
  rateLimits: number;
  sessions: number;
  links: number;
  idempotencyKeys: number;
  outboxDelivered: number;
  deadLetters: number;
  auditEvents: number;
}

type TBatch = { size: number; signal?: AbortSignal };

const ago = (now: Date, ms: number) => new Date(now.getTime() - ms);

/**
 * `runRetention(now)` — system task (no actor), run by the outbox worker every
 * `KEYDESK_RETENTION_INTERVAL_MINUTES`: deletes what Keydesk no longer needs, so that no table grows
 * without bound over years of unattended running. Each kind has its own retention setting
 * (`env().retention`, README "Retention") and is deleted in small batches (`purgeInBatches`).
 * Safe to run in several workers at once: a row deleted twice is simply not found the second time.
 * Stops between batches when `signal` aborts (the worker is shutting down).
 */
export async function runRetention(now = new Date(), signal?: AbortSignal): Promise<TRetentionResult> {
  const keep = env().retention;
  const batch: TBatch = { size: keep.batchSize, signal };
  const result: TRetentionResult = {
    rateLimits: await purgeRateLimits(ago(now, keep.rateLimitsMs), batch),
    sessions: await purgeSessions(ago(now, keep.sessionsMs), batch),
    links: await purgeLinks(ago(now, keep.linksMs), batch),
    idempotencyKeys: await purgeIdempotencyKeys(ago(now, keep.idempotencyMs), batch),
    outboxDelivered: await purgeOutbox("sent", ago(now, keep.outboxMs), batch),
    deadLetters: await purgeOutbox("dead", ago(now, keep.deadLettersMs), batch),
    auditEvents: await purgeAuditEvents(ago(now, keep.auditMs), batch),
  };
  // Raw store deliveries are dropped by the worker's housekeeping tick (lib/outbox/run-housekeeping.ts)
  // once their own `payloadPurgeAfter` passes (KEYDESK_STORE_PAYLOAD_DAYS); their outcomes stay.
  return result;
}

/** Rate-limit windows that ended before `cutoff` (a new hit simply starts a new row). */
function purgeRateLimits(cutoff: Date, batch: TBatch): Promise<number> {
  const due = { resetAt: { lt: cutoff } };
  return purgeInBatches(
    batch,
    async (take) => (await db().rateLimit.findMany({ where: due, select: { key: true }, take })).map((r) => r.key),
    async (keys) => (await db().rateLimit.deleteMany({ where: { key: { in: keys }, ...due } })).count,
  );
}

/** Sessions that ended (revoked, signed out, or past their absolute lifetime) before `cutoff`. */
function purgeSessions(cutoff: Date, batch: TBatch): Promise<number> {
  const due = { OR: [{ expiresAt: { lt: cutoff } }, { revokedAt: { lt: cutoff } }] };
  return purgeInBatches(
    batch,
    async (take) => (await db().session.findMany({ where: due, select: { id: true }, take })).map((r) => r.id),
    async (ids) => (await db().session.deleteMany({ where: { id: { in: ids }, ...due } })).count,
  );
}

/** Link tokens (sign-in, ticket, e-mail change, first set-up) used or expired before `cutoff`. */
function purgeLinks(cutoff: Date, batch: TBatch): Promise<number> {
  const due = { OR: [{ expiresAt: { lt: cutoff } }, { usedAt: { lt: cutoff } }] };
  return purgeInBatches(
    batch,
    async (take) =>
      (await db().verificationToken.findMany({ where: due, select: { id: true }, take })).map((r) => r.id),
    async (ids) => (await db().verificationToken.deleteMany({ where: { id: { in: ids }, ...due } })).count,
  );
}

/** Idempotency keys that expired before `cutoff` (an expired key is never replayed anyway). */
function purgeIdempotencyKeys(cutoff: Date, batch: TBatch): Promise<number> {
  const due = { expiresAt: { lt: cutoff } };
  return purgeInBatches(
    batch,
    async (take) => (await db().idempotencyKey.findMany({ where: due, select: { key: true }, take })).map((r) => r.key),
    async (keys) => (await db().idempotencyKey.deleteMany({ where: { key: { in: keys }, ...due } })).count,
  );
}

/** Outbox rows the worker is done with: delivered before `cutoff`, or dead letters created before it. */
function purgeOutbox(status: "sent" | "dead", cutoff: Date, batch: TBatch): Promise<number> {
  const due = status === "sent" ? { status, sentAt: { lt: cutoff } } : { status, createdAt: { lt: cutoff } };
  return purgeInBatches(
    batch,
    async (take) => (await db().outboxMessage.findMany({ where: due, select: { id: true }, take })).map((r) => r.id),
    async (ids) => (await db().outboxMessage.deleteMany({ where: { id: { in: ids }, ...due } })).count,
  );
}

/** Audit events older than their retention (default two years). */
function purgeAuditEvents(cutoff: Date, batch: TBatch): Promise<number> {
  const due = { at: { lt: cutoff } };
  return purgeInBatches(
    batch,
    async (take) => (await db().auditEvent.findMany({ where: due, select: { id: true }, take })).map((r) => r.id),
    async (ids) => (await db().auditEvent.deleteMany({ where: { id: { in: ids }, ...due } })).count,
  );
}
