import "server-only";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { scrubText } from "@/lib/log";
import type { TOutboxMessage } from "@/lib/outbox/message";
import { groupCalls } from "@/lib/outbox/group-calls";

const MAX_BACKOFF_MS = 60 * 60_000;
const LAST_ERROR_CHARS = 300;

/** Delay before retry number `attempts` (1-based): base · 2^(attempts−1), ±25 % jitter, capped at 1 h. */
export function backoffDelayMs(attempts: number, baseMs = env().retryBaseMs): number {
  const exponential = baseMs * 2 ** Math.max(0, attempts - 1);
  const jitter = 0.75 + Math.random() * 0.5;
  return Math.round(Math.min(MAX_BACKOFF_MS, exponential * jitter));
}

/** A one-line description of a delivery error, without addresses or long numbers. */
export function describeDeliveryError(error: unknown): string {
  const code =
    error && typeof error === "object" && "code" in error && typeof error.code === "string" ? `${error.code}: ` : "";
  const message = error instanceof Error ? error.message : String(error);
  return scrubText(`${code}${message}`.replace(/\s+/g, " ").trim()).slice(0, LAST_ERROR_CHARS);
}

/** Marks a claimed row delivered. False when the claim was lost (the row then belongs to another worker). */
export async function markOutboxSent(message: TOutboxMessage, transport: string): Promise<boolean> {
  const [done] = await markOutboxSentMany([{ message, transport }]);
  return done === true;
}

/**
 * Marks many claimed rows delivered, one UPDATE per claim and transport (the worker's rows mostly
 * share both). Answers per row, in order: false where the claim was lost.
 */
export async function markOutboxSentMany(sends: { message: TOutboxMessage; transport: string }[]): Promise<boolean[]> {
  const sentAt = new Date();
  const groups = new Map<string, { claimToken: string | null; transport: string; ids: string[] }>();
  for (const { message, transport } of sends) {
    const key = `${message.claimToken ?? ""}\u0000${transport}`;
    const group = groups.get(key) ?? { claimToken: message.claimToken, transport, ids: [] };
    group.ids.push(message.id);
    groups.set(key, group);
  }
  const done = new Set<string>();
  for (const { claimToken, transport, ids } of groups.values()) {
    // `attempts + 1` in the database: while the row is claimed, no one else changes it.
    const rows = await db().outboxMessage.updateManyAndReturn({
      where: { id: { in: ids }, claimToken, status: "pending" },
      data: {
        status: "sent",
        sentAt,
        attempts: { increment: 1 },
        transport,
        lastError: null,
        claimToken: null,
        lockedUntil: null,
      },
      select: { id: true },
    });
    for (const row of rows) done.add(row.id);
  }
  return sends.map(({ message }) => done.has(message.id));
}

/** Records a failed attempt: schedules the retry with back-off, or dead-letters after the last attempt. */
export async function markOutboxFailed(message: TOutboxMessage, error: unknown): Promise<"retry" | "dead"> {
  const attempts = message.attempts + 1;
  const dead = attempts >= message.maxAttempts;
  await db().outboxMessage.updateMany({
    where: { id: message.id, claimToken: message.claimToken, status: "pending" },
    data: {
      status: dead ? "dead" : "pending",
      attempts,
      lastError: describeDeliveryError(error),
      nextAttemptAt: dead ? undefined : new Date(Date.now() + backoffDelayMs(attempts)),
      claimToken: null,
      lockedUntil: null,
    },
  });
  return dead ? "dead" : "retry";
}

/** Gives back a claimed row that was not attempted (worker stopping), so another worker can send it now. */
export async function releaseOutboxClaim(message: TOutboxMessage): Promise<void> {
  await db().outboxMessage.updateMany({
    where: { id: message.id, claimToken: message.claimToken, status: "pending" },
    data: { claimToken: null, lockedUntil: null },
  });
}

/**
 * Extends the claims of rows right before they are sent, one UPDATE per claim; answers per row, in
 * order: false where this worker no longer holds it (its lease ran out and another worker took it,
 * or the row was erased), in which case it must not be sent.
 */
export async function renewOutboxClaims(messages: TOutboxMessage[], leaseMs: number): Promise<boolean[]> {
  const lockedUntil = new Date(Date.now() + leaseMs);
  const byClaim = new Map<string | null, string[]>();
  for (const m of messages) byClaim.set(m.claimToken, [...(byClaim.get(m.claimToken) ?? []), m.id]);
  const renewed = new Set<string>();
  for (const [claimToken, ids] of byClaim) {
    const rows = await db().outboxMessage.updateManyAndReturn({
      where: { id: { in: ids }, claimToken, status: "pending" },
      data: { lockedUntil },
      select: { id: true },
    });
    for (const row of rows) renewed.add(row.id);
  }
  return messages.map((m) => renewed.has(m.id));
}

/**
 * The row updates around each send, grouped across a batch's lanes (lib/outbox/group-calls.ts): a
 * renewal or a "sent" mark asked for while another is being written goes into the next statement.
 */
export interface TOutboxBookkeeping {
  renew: (message: TOutboxMessage) => Promise<boolean>;
  markSent: (send: { message: TOutboxMessage; transport: string }) => Promise<boolean>;
}

/** Grouped bookkeeping for one claimed batch; renewals extend a claim by `leaseMs`. */
export function groupedOutboxBookkeeping(leaseMs: number): TOutboxBookkeeping {
  return {
    renew: groupCalls((messages: TOutboxMessage[]) => renewOutboxClaims(messages, leaseMs)),
    markSent: groupCalls(markOutboxSentMany),
  };
}
