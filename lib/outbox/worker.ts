import "server-only";
import { hostname } from "node:os";
import { randomBytes } from "node:crypto";
import { log } from "@/lib/log";
import { MAX_DELIVERY_MS, OUTBOX_CONCURRENCY, type TOutboxMessage } from "@/lib/outbox/message";
import { CLAIM_LEASE_MS, claimOutboxBatch } from "@/lib/outbox/claim-outbox-batch";
import { OUTBOX_CHANNELS, closeOutboxChannels, deliverableChannels } from "@/lib/outbox/channels";
import { runOutboxHousekeeping } from "@/lib/outbox/run-housekeeping";
import { runRetention, type TRetentionResult } from "@/lib/retention/run-retention";
import { env, progressLineEveryMs } from "@/lib/env";
import {
  groupedOutboxBookkeeping,
  markOutboxFailed,
  releaseOutboxClaim,
  type TOutboxBookkeeping,
} from "@/lib/outbox/settle-outbox-message";

const DEFAULT_BATCH = 256;
const DEFAULT_INTERVAL_MS = 1_000;
const DEFAULT_HOUSEKEEPING_MS = 60_000;
/** Claim time kept beyond one delivery's limit before a send without renewing (clock steps, GC pauses). */
const LEASE_MARGIN_MS = 60_000;

export interface TBatchResult {
  claimed: number;
  sent: number;
  retried: number;
  dead: number;
  /** Due rows existed but another worker claimed (some of) them first. */
  raced: boolean;
}

type TOutcome = "sent" | "retry" | "dead" | "skipped";

async function deliverOne(
  message: TOutboxMessage,
  workerId: string,
  books: TOutboxBookkeeping,
  signal?: AbortSignal,
): Promise<TOutcome> {
  if (signal?.aborted) {
    await releaseOutboxClaim(message);
    return "skipped";
  }
  // A claim with more than a whole delivery (plus a margin) left cannot have been taken by another
  // worker, and cannot run out during this send: renew it in the database only when less is left.
  const leaseLeftMs = (message.lockedUntil?.getTime() ?? 0) - Date.now();
  if (leaseLeftMs < MAX_DELIVERY_MS + LEASE_MARGIN_MS && !(await books.renew(message))) {
    log.warn("outbox claim lost before sending", { workerId, id: message.id });
    return "skipped";
  }
  const deliverer = OUTBOX_CHANNELS[message.channel];
  let transport: string;
  try {
    if (!deliverer) throw new Error(`No deliverer for channel ${message.channel}`);
    transport = await deliverer.deliver(message);
  } catch (error) {
    const outcome = await markOutboxFailed(message, error);
    const fields = { workerId, id: message.id, kind: message.kind, attempt: message.attempts + 1, error };
    if (outcome === "dead") log.warn("outbox message dead-lettered", fields);
    else log.info("outbox delivery failed, will retry", fields);
    return outcome;
  }
  // Outside the try: a database error here must not turn a delivered mail into a failed attempt.
  if (!(await books.markSent({ message, transport })))
    log.warn("outbox claim lost after sending", { workerId, id: message.id });
  return "sent";
}

/**
 * Claims up to `limit` due outbox rows and delivers them (a few at a time). Safe to run in several
 * processes against one PostgreSQL database: each row is sent by the one worker that claimed it.
 */
export async function processOutboxBatch(options: {
  workerId: string;
  limit?: number;
  signal?: AbortSignal;
}): Promise<TBatchResult> {
  const { messages, raced } = await claimOutboxBatch({
    channels: deliverableChannels(),
    limit: options.limit ?? DEFAULT_BATCH,
  });
  const result: TBatchResult = { claimed: messages.length, sent: 0, retried: 0, dead: 0, raced };
  const queue = [...messages];
  const books = groupedOutboxBookkeeping(CLAIM_LEASE_MS);
  const lane = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      try {
        const outcome = await deliverOne(next, options.workerId, books, options.signal);
        if (outcome === "sent") result.sent++;
        else if (outcome === "retry") result.retried++;
        else if (outcome === "dead") result.dead++;
      } catch (error) {
        // Database trouble: the row stays claimed and is picked up again when its lease runs out.
        log.error("outbox bookkeeping failed", { workerId: options.workerId, id: next.id, error });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(OUTBOX_CONCURRENCY, messages.length) }, lane));
  return result;
}

/** A worker id for logs: host, process and a random suffix. */
export function newWorkerId(): string {
  return `${hostname()}-${process.pid}-${randomBytes(3).toString("hex")}`;
}

export interface TOutboxWorker {
  workerId: string;
  /** Finishes the sends in flight, hands back rows not started yet, and resolves when idle. */
  stop(): Promise<void>;
}

/**
 * Starts the outbox poll loop in this process (`npm start` runs one; `keydesk worker` runs one
 * alone). Besides delivering, it runs the housekeeping tick (`runOutboxHousekeeping`) once at start
 * and then every `housekeepingMs`, and the retention job (`runRetention`, the heavy purges) every
 * `retentionMs` (`KEYDESK_RETENTION_INTERVAL_MINUTES`; 0 = never) beside the delivery loop, so that
 * a long first purge does not hold back mail.
 */
export function startOutboxWorker(
  options: {
    workerId?: string;
    intervalMs?: number;
    batchSize?: number;
    housekeepingMs?: number;
    retentionMs?: number;
  } = {},
): TOutboxWorker {
  const workerId = options.workerId ?? newWorkerId();
  const limit = options.batchSize ?? DEFAULT_BATCH;
  const intervalMs = options.intervalMs ?? DEFAULT_INTERVAL_MS;
  const housekeepingMs = options.housekeepingMs ?? DEFAULT_HOUSEKEEPING_MS;
  const stopping = new AbortController();
  let wake: (() => void) | undefined;
  let nextHousekeepingAt = 0;
  const retentionMs = options.retentionMs ?? env().retention.intervalMs;
  let nextRetentionAt = 0;
  let retentionRun: Promise<void> | undefined;

  const retention = () => {
    if (retentionMs <= 0 || retentionRun || Date.now() < nextRetentionAt) return;
    nextRetentionAt = Date.now() + retentionMs;
    // A long purge (a year of backlog) logs how far it got every few seconds, then its total.
    const lineEveryMs = progressLineEveryMs();
    let lastLine = Date.now();
    const onProgress = (purged: TRetentionResult) => {
      if (Date.now() - lastLine < lineEveryMs) return;
      lastLine = Date.now();
      log.info("retention purge in progress", { workerId, ...purged });
    };
    retentionRun = runRetention(new Date(), { signal: stopping.signal, onProgress })
      .then((done) => {
        if (Object.values(done).some((n) => n > 0)) log.info("retention purge", { workerId, ...done });
      })
      .catch((error: unknown) => log.error("retention purge failed", { workerId, error }))
      .finally(() => {
        retentionRun = undefined;
      });
  };

  const housekeeping = async () => {
    if (Date.now() < nextHousekeepingAt) return;
    nextHousekeepingAt = Date.now() + housekeepingMs;
    try {
      const done = await runOutboxHousekeeping();
      if (done.erasureNoticesPurged > 0) log.info("outbox housekeeping", { workerId, ...done });
    } catch (error) {
      log.error("outbox housekeeping failed", { workerId, error });
    }
  };

  const loop = (async () => {
    while (!stopping.signal.aborted) {
      let busy = false;
      try {
        const result = await processOutboxBatch({ workerId, limit, signal: stopping.signal });
        // Rows claimed means more may be due — a full batch left some, and a delivered task queues
        // its mail (a look-up's sign-in link) — and a lost race means others are working: look again
        // at once. Only an empty claim waits for the interval.
        busy = result.claimed > 0 || result.raced;
      } catch (error) {
        log.error("outbox worker batch failed", { workerId, error });
      }
      if (!stopping.signal.aborted) await housekeeping();
      if (!stopping.signal.aborted) retention();
      if (busy || stopping.signal.aborted) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, intervalMs);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wake = undefined;
    }
  })();

  return {
    workerId,
    stop: async () => {
      stopping.abort();
      wake?.();
      await loop;
      await retentionRun;
      closeOutboxChannels();
    },
  };
}
