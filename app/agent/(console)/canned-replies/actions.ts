"use server";
import { revalidatePath } from "next/cache";
import { adminAction } from "@/lib/http/actions";
import { orNotFound } from "@/lib/http/or-not-found";
import { deleteCannedReply } from "@/lib/tickets/delete-canned-reply";
import { saveCannedReply } from "@/lib/tickets/save-canned-reply";
import { ZCannedReply, ZCannedReplyId } from "@/lib/tickets/agent-schemas";

/** Creates (no id) or updates a canned reply. */
export const saveCanned = adminAction(ZCannedReply, async ({ actor, input, meta }) => {
  await saveCannedReply(actor, input, meta);
  revalidatePath("/agent/canned-replies");
  return {
    status: "success",
    message: input.id ? "Saved." : "Canned reply added.",
    data: { savedAt: String(Date.now()) },
  };
});

/** Deletes a canned reply; one that is already gone is the not-found page. */
export const deleteCanned = adminAction.submit(ZCannedReplyId, async ({ actor, input, meta }) => {
  await orNotFound(deleteCannedReply(actor, input, meta));
  revalidatePath("/agent/canned-replies");
});
