"use server";
import { revalidatePath } from "next/cache";
import { adminAction } from "@/lib/http/actions";
import { ZOutboxMessageId } from "@/lib/outbox/schemas";
import { retryDeadLetter } from "@/lib/outbox/retry-dead-letter";

/** Puts a dead letter back in the queue (admins only; audited by the use case). */
export const retryDeadLetterAction = adminAction(ZOutboxMessageId, async ({ actor, input, meta }) => {
  await retryDeadLetter(actor, input, meta);
  revalidatePath("/agent/outbox");
  return { status: "success", message: "Queued again; the worker will retry it shortly." };
});
