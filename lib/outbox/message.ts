// The outbox's leaf module: what a claimed row looks like and what a channel's deliverer must do.
// Deliverers (lib/mail, lib/tasks, lib/refunds/gateway) import only this file, and the generic
// outbox (lib/outbox/*) imports them only through the one registry (lib/outbox/channels.ts), so
// the two sides never import each other. Keep it free of imports other than database types.
import type { OutboxChannel } from "@/lib/db/generated/sqlite/enums";

/** An outbox row as the worker holds it while it is claimed. */
export interface TOutboxMessage {
  id: string;
  channel: OutboxChannel;
  kind: string;
  payloadEnc: string;
  attempts: number;
  maxAttempts: number;
  claimToken: string | null;
  /** Until when this worker's claim keeps other workers away (as claimed; unset: unknown, renew). */
  lockedUntil?: Date | null;
}

/**
 * Delivers the messages of one channel. `deliver` resolves to the transport's name (stored on the
 * row) and throws when delivery failed (the worker then retries with back-off or dead-letters);
 * it must give up within `MAX_DELIVERY_MS`. `close` frees pooled connections when a worker stops.
 */
export interface TOutboxDeliverer {
  deliver(message: TOutboxMessage): Promise<string>;
  close?(): void;
}

/** The longest one delivery may take: the claim lease is a multiple of it, so no row is sent twice. */
export const MAX_DELIVERY_MS = 2 * 60_000;

/** Deliveries one worker runs at once (mail's SMTP pool opens as many connections). */
export const OUTBOX_CONCURRENCY = 32;
