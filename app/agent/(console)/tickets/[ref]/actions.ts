"use server";
import { revalidatePath } from "next/cache";
import { agentAction } from "@/lib/http/actions";
import { newIdempotencyKey } from "@/lib/idempotency/run-once";
import { applyAccountChange } from "@/lib/tickets/apply-account-change";
import { checkInTicketViewer } from "@/lib/tickets/check-in-ticket-viewer";
import { replyAsAgent } from "@/lib/tickets/reply-as-agent";
import { ZAccountChange, ZAgentReply, ZTicketUpdate, ZViewerCheckIn } from "@/lib/tickets/agent-schemas";
import { updateTicket } from "@/lib/tickets/update-ticket";

/** A public reply or an internal note (the `mode` radio decides), with attachments. */
export const sendAgentMessage = agentAction(ZAgentReply, async ({ actor, input, meta }) => {
  const { internal } = await replyAsAgent(actor, input, meta);
  revalidatePath(`/agent/tickets/${input.ref}`);
  return {
    status: "success",
    message: internal ? "Internal note added." : "Reply sent. The customer gets an e-mail with a link.",
    data: { sentAt: String(Date.now()), nextKey: newIdempotencyKey() },
  };
});

/** Status, priority and assignee. */
export const saveTicketFields = agentAction(ZTicketUpdate, async ({ actor, input, meta }) => {
  await updateTicket(actor, input, meta);
  revalidatePath(`/agent/tickets/${input.ref}`);
  return { status: "success", message: "Saved." };
});

/** Applies the requested account change (name, phone, postal address) to the customer. */
export const applyAccountChangeFromTicket = agentAction(ZAccountChange, async ({ actor, input, meta }) => {
  const { fields } = await applyAccountChange(actor, input, meta);
  revalidatePath(`/agent/tickets/${input.ref}`);
  return { status: "success", message: `Updated the customer's ${fields.join(", ")}.` };
});

/** The ~10 s presence poll: records this agent on the ticket, returns the other agents there now. */
export const checkInViewer = agentAction.call(ZViewerCheckIn, ({ actor, input }) => checkInTicketViewer(actor, input));
