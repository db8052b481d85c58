"use server";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { requireAdmin } from "@/lib/auth/guards";
import { retryDeadLetter } from "@/lib/mail/retry-dead-letter";
import { formAction } from "@/lib/http/form-action";

/** Puts a dead letter back in the queue (admins only; audited by the use case). */
export const retryDeadLetterAction = formAction(z.object({ id: z.string().min(1).max(64) }), async ({ id }) => {
  const agent = await requireAdmin();
  await retryDeadLetter({ agent, id });
  revalidatePath("/agent/outbox");
  return { status: "success", message: "Queued again; the worker will retry it shortly." };
});
