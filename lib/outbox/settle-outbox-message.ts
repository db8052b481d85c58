import "server-only";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { scrubText } from "@/lib/log";
import type { TOutboxMessage } from "@/lib/outbox/message";

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
  const done = await db().outboxMessage.updateMany({
    where: { id: message.id, claimToken: message.claimToken, status: "pending" },
    data: {
      status: "sent",
      sentAt: new Date(),
      attempts: message.attempts + 1,
      transport,
      lastError: null,
      claimToken: null,
      lockedUntil: null,
    },
  });
  return done.count === 1;
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
 * Extends the claim of one row right before it is sent; false when this worker no longer holds it
 * (its lease ran out and another worker took it), in which case it must not be sent.
 */
export async function renewOutboxClaim(message: TOutboxMessage, leaseMs: number): Promise<boolean> {
  const renewed = await db().outboxMessage.updateMany({
    where: { id: message.id, claimToken: message.claimToken, status: "pending" },
    data: { lockedUntil: new Date(Date.now() + leaseMs) },
  });
  return renewed.count === 1;
}
