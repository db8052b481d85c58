import "server-only";
import type { OutboxChannel } from "@/lib/db/generated/sqlite/enums";
import type { TOutboxDeliverer } from "@/lib/outbox/message";
import { MAIL_DELIVERER } from "@/lib/mail/deliver-mail";
import { TASK_DELIVERER } from "@/lib/tasks/run-task";
import { REFUND_WEBHOOK_DELIVERER } from "@/lib/refunds/gateway/deliver-webhook";

/**
 * The one registry of outbox channels: channel name → its deliverer. The worker only claims rows of
 * channels listed here, so a channel without a deliverer waits in the outbox instead of being
 * dead-lettered. Adding a channel is one deliverer file (importing only lib/outbox/message.ts) and
 * one line here.
 */
export const OUTBOX_CHANNELS: Partial<Record<OutboxChannel, TOutboxDeliverer>> = {
  mail: MAIL_DELIVERER,
  task: TASK_DELIVERER,
  webhook: REFUND_WEBHOOK_DELIVERER,
};

/** The channels this process can deliver. */
export function deliverableChannels(): OutboxChannel[] {
  return (Object.keys(OUTBOX_CHANNELS) as OutboxChannel[]).filter((channel) => OUTBOX_CHANNELS[channel]);
}

/** Lets every deliverer free what it holds open (pooled SMTP connections) when a worker stops. */
export function closeOutboxChannels(): void {
  for (const deliverer of Object.values(OUTBOX_CHANNELS)) deliverer.close?.();
}
