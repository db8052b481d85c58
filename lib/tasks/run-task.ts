import "server-only";
import { ENC } from "@/lib/crypto/contexts";
import { decrypt } from "@/lib/crypto/encryption";
import { runBuyerLookupTask } from "@/lib/buyers/run-lookup-task";
import { runTicketLinkTask } from "@/lib/tickets/request-ticket-link";
import type { TOutboxDeliverer, TOutboxMessage } from "@/lib/outbox/message";

/** The task kinds the worker knows; an unknown kind fails (and is retried, then dead-lettered). */
const TASKS: Record<string, (payload: unknown, taskId: string) => Promise<void>> = {
  "buyer.lookup": runBuyerLookupTask,
  "ticket.link": runTicketLinkTask,
};

/** Outbox deliverer for the "task" channel: runs the task; resolves to the label "task". */
export async function runTask(message: TOutboxMessage): Promise<string> {
  const task = TASKS[message.kind];
  if (!task) throw new Error(`unknown task kind ${message.kind}`);
  await task(JSON.parse(decrypt(message.payloadEnc, ENC.outboxTask)) as unknown, message.id);
  return "task";
}

/** The "task" channel's entry in the outbox registry (lib/outbox/channels.ts). */
export const TASK_DELIVERER: TOutboxDeliverer = { deliver: runTask };
