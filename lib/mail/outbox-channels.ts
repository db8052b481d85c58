import "server-only";
import type { OutboxChannel } from "@/lib/db/generated/sqlite/enums";
import { decryptOutboxMail } from "@/lib/mail/decrypt-outbox-mail";
import { sendOutboxMail } from "@/lib/mail/transport";
import { runTask } from "@/lib/tasks/run-task";
import { deliverWebhookMessage } from "@/lib/refunds/gateway/deliver-webhook";

/** An outbox row as the worker holds it while it is claimed. */
export interface TClaimedOutboxMessage {
  id: string;
  channel: OutboxChannel;
  kind: string;
  payloadEnc: string;
  attempts: number;
  maxAttempts: number;
  claimToken: string | null;
}

/** Delivers one claimed message; resolves to the transport's name, throws when delivery failed. */
export type TDeliverOutboxMessage = (message: TClaimedOutboxMessage) => Promise<string>;

async function deliverMail(message: TClaimedOutboxMessage): Promise<string> {
  return sendOutboxMail(message.id, decryptOutboxMail(message.payloadEnc));
}

/**
 * One deliverer per outbox channel. The worker only claims rows of channels listed here, so a
 * channel without a deliverer (e.g. "webhook" until lib/webhooks adds its signed-POST sender in its
 * own file and registers it here) waits in the outbox instead of being dead-lettered.
 */
export const OUTBOX_CHANNELS: Partial<Record<OutboxChannel, TDeliverOutboxMessage>> = {
  mail: deliverMail,
  task: (message) => runTask(message),
  webhook: (message) => deliverWebhookMessage(message),
};

/** The channels this process can deliver. */
export function deliverableChannels(): OutboxChannel[] {
  return Object.keys(OUTBOX_CHANNELS) as OutboxChannel[];
}
