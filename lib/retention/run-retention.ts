import "server-only";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { purgeInBatches } from "@/lib/retention/purge-in-batches";
import { FAILURE_MEMORY_MS } from "@/lib/auth/sign-in-throttle";

/** The kinds of rows retention deletes, in the order a run purges them. */
export const RETENTION_KINDS = [
  "rateLimits",
  "signInFailures",
  "sessions",
  "links",
  "idempotency",
  "outboxDelivered",
  "deadLetters",
  "auditEvents",
  "storeEvents",
] as const;
type TKind = (typeof RETENTION_KINDS)[number];

/** How many rows one retention run deleted (or, from `countRetentionDue`, would delete), per kind. */
export type TRetentionResult = Record<TKind, number>;

const noRows = (): TRetentionResult => ({
  rateLimits: 0,
  signInFailures: 0,
  sessions: 0,
  links: 0,
  idempotency: 0,
  outboxDelivered: 0,
  deadLetters: 0,
  auditEvents: 0,
  storeEvents: 0,
});

/** One kind of row that retention deletes: how many are due, which ids are due, and delete those still due. */
interface TPurgeable {
  count: () => Promise<number>;
  pick: (take: number) => Promise<string[]>;
  remove: (ids: string[]) => Promise<number>;
}

export interface TRetentionOptions {
  /** Stops between batches once aborted (the worker is shutting down). */
  signal?: AbortSignal;
  /** Called after each batch with the rows deleted so far, per kind (for progress lines). */
  onProgress?: (purged: TRetentionResult) => void;
}

const ago = (now: Date, ms: number) => new Date(now.getTime() - ms);

/**
 * `runRetention(now)` — system task (no actor), run by the outbox worker every
 * `KEYDESK_RETENTION_INTERVAL_MINUTES` and by `keydesk retention`: deletes what Keydesk no longer
 * needs, so that no table grows without bound over years of unattended running. Each kind has its
 * own retention setting (`env().retention`, README "Retention") and is deleted in small batches
 * (`purgeInBatches`). Safe to run in several workers at once: a row deleted twice is simply not
 * found the second time.
 */
export async function runRetention(now = new Date(), options: TRetentionOptions = {}): Promise<TRetentionResult> {
  const purged = noRows();
  const batch = { size: env().retention.batchSize, signal: options.signal };
  const all = purgeables(now);
  for (const kind of RETENTION_KINDS) {
    const rows = all[kind];
    await purgeInBatches(batch, rows.pick, async (ids) => {
      const removed = await rows.remove(ids);
      purged[kind] += removed;
      options.onProgress?.({ ...purged });
      return removed;
    });
  }
  // Raw store deliveries are dropped sooner, by the worker's housekeeping tick
  // (lib/outbox/run-housekeeping.ts), once their own `payloadPurgeAfter` passes
  // (KEYDESK_STORE_PAYLOAD_DAYS); their outcomes stay until `storeEvents` above.
  return purged;
}

/** `countRetentionDue(now)` — system read: how many rows `runRetention(now)` would delete, per kind (for a progress bar's total). */
export async function countRetentionDue(now = new Date()): Promise<TRetentionResult> {
  const all = purgeables(now);
  const due = noRows();
  for (const kind of RETENTION_KINDS) due[kind] = await all[kind].count();
  return due;
}

/** Every kind with its condition for "due" at `now`. */
function purgeables(now: Date): Record<TKind, TPurgeable> {
  const keep = env().retention;
  // Rate-limit windows that ended (a new hit simply starts a new row).
  const rateLimit = { resetAt: { lt: ago(now, keep.rateLimitsMs) } };
  // Agents' failed sign-ins (per account and per IP) the throttle has forgotten: no pause left, the
  // last failure and alert older than its memory — the same as no row. Kept as long as rate limits after.
  const forgotten = ago(now, FAILURE_MEMORY_MS + keep.rateLimitsMs);
  const signInFailure = {
    lastFailureAt: { lt: forgotten },
    blockedUntil: { lt: ago(now, keep.rateLimitsMs) },
    OR: [{ alertedAt: null }, { alertedAt: { lt: forgotten } }],
  };
  // Sessions that ended (revoked, signed out, or past their absolute lifetime).
  const sessionCut = ago(now, keep.sessionsMs);
  const session = { OR: [{ expiresAt: { lt: sessionCut } }, { revokedAt: { lt: sessionCut } }] };
  // Link tokens (sign-in, ticket, e-mail change, first set-up), used or expired.
  const linkCut = ago(now, keep.linksMs);
  const link = { OR: [{ expiresAt: { lt: linkCut } }, { usedAt: { lt: linkCut } }] };
  // Expired idempotency keys (an expired key is never replayed anyway).
  const idempotency = { expiresAt: { lt: ago(now, keep.idempotencyMs) } };
  // Outbox rows the worker is done with: delivered, or dead letters by their creation.
  const sent = { status: "sent" as const, sentAt: { lt: ago(now, keep.outboxMs) } };
  const dead = { status: "dead" as const, createdAt: { lt: ago(now, keep.deadLettersMs) } };
  // Audit events older than their retention (default two years).
  const audit = { at: { lt: ago(now, keep.auditMs) } };
  // Store events older than their retention (default two years; their raw payload went long before).
  const storeEvent = { receivedAt: { lt: ago(now, keep.storeEventsMs) } };
  const outbox = (due: typeof sent | typeof dead): TPurgeable => ({
    count: () => db().outboxMessage.count({ where: due }),
    pick: async (take) =>
      (await db().outboxMessage.findMany({ where: due, select: { id: true }, take })).map((r) => r.id),
    remove: async (ids) => (await db().outboxMessage.deleteMany({ where: { id: { in: ids }, ...due } })).count,
  });
  return {
    rateLimits: {
      count: () => db().rateLimit.count({ where: rateLimit }),
      pick: async (take) =>
        (await db().rateLimit.findMany({ where: rateLimit, select: { key: true }, take })).map((r) => r.key),
      remove: async (keys) => (await db().rateLimit.deleteMany({ where: { key: { in: keys }, ...rateLimit } })).count,
    },
    signInFailures: {
      count: () => db().signInFailure.count({ where: signInFailure }),
      pick: async (take) =>
        (await db().signInFailure.findMany({ where: signInFailure, select: { key: true }, take })).map((r) => r.key),
      remove: async (keys) =>
        (await db().signInFailure.deleteMany({ where: { key: { in: keys }, ...signInFailure } })).count,
    },
    sessions: {
      count: () => db().session.count({ where: session }),
      pick: async (take) =>
        (await db().session.findMany({ where: session, select: { id: true }, take })).map((r) => r.id),
      remove: async (ids) => (await db().session.deleteMany({ where: { id: { in: ids }, ...session } })).count,
    },
    links: {
      count: () => db().verificationToken.count({ where: link }),
      pick: async (take) =>
        (await db().verificationToken.findMany({ where: link, select: { id: true }, take })).map((r) => r.id),
      remove: async (ids) => (await db().verificationToken.deleteMany({ where: { id: { in: ids }, ...link } })).count,
    },
    idempotency: {
      count: () => db().idempotencyKey.count({ where: idempotency }),
      pick: async (take) =>
        (await db().idempotencyKey.findMany({ where: idempotency, select: { key: true }, take })).map((r) => r.key),
      remove: async (keys) =>
        (await db().idempotencyKey.deleteMany({ where: { key: { in: keys }, ...idempotency } })).count,
    },
    outboxDelivered: outbox(sent),
    deadLetters: outbox(dead),
    auditEvents: {
      count: () => db().auditEvent.count({ where: audit }),
      pick: async (take) =>
        (await db().auditEvent.findMany({ where: audit, select: { id: true }, take })).map((r) => r.id),
      remove: async (ids) => (await db().auditEvent.deleteMany({ where: { id: { in: ids }, ...audit } })).count,
    },
    storeEvents: {
      count: () => db().storeEvent.count({ where: storeEvent }),
      pick: async (take) =>
        (await db().storeEvent.findMany({ where: storeEvent, select: { id: true }, take })).map((r) => r.id),
      remove: async (ids) => (await db().storeEvent.deleteMany({ where: { id: { in: ids }, ...storeEvent } })).count,
    },
  };
}
