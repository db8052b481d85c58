"use server";
import { headers } from "next/headers";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { requireAgent } from "@/lib/auth/guards";
import { clientIp, userAgentOf } from "@/lib/http/client-info";
import { formAction, type TFormState } from "@/lib/http/form-action";
import { applyAccountChange } from "@/lib/tickets/apply-account-change";
import { replyAsAgent } from "@/lib/tickets/reply-as-agent";
import { newIdempotencyKey } from "@/lib/idempotency/run-once";
import { checkInTicketViewer, type TOtherViewer } from "@/lib/tickets/ticket-viewers";
import { updateTicket } from "@/lib/tickets/update-ticket";

const ZRef = z.string().max(20);

/** A public reply or an internal note (the `mode` radio decides), with attachments. */
export const sendAgentMessage = formAction(
  z.object({
    ref: ZRef,
    body: z.string().max(40_000),
    mode: z.enum(["public", "internal"]),
    status: z.string().max(20).optional(),
    idempotencyKey: z.string().max(200).optional(),
  }),
  async ({ ref, body, mode, status, idempotencyKey }, formData): Promise<TFormState> => {
    const agent = await requireAgent();
    const requestHeaders = await headers();
    const files = formData.getAll("attachments").filter((v): v is File => typeof v !== "string");
    const internal = mode === "internal";
    await replyAsAgent({
      agent,
      ref,
      values: { body, internal, status: internal ? undefined : status },
      files,
      ip: clientIp(requestHeaders),
      userAgent: userAgentOf(requestHeaders),
      idempotencyKey,
    });
    revalidatePath(`/agent/tickets/${ref}`);
    return {
      status: "success",
      message: internal ? "Internal note added." : "Reply sent. The customer gets an e-mail with a link.",
      data: { sentAt: String(Date.now()), nextKey: newIdempotencyKey() },
    };
  },
);

/** Status, priority and assignee. */
export const saveTicketFields = formAction(
  z.object({ ref: ZRef, status: z.string().max(20), priority: z.string().max(20), assigneeId: z.string().max(40) }),
  async ({ ref, ...values }): Promise<TFormState> => {
    const agent = await requireAgent();
    await updateTicket({ agent, ref, values });
    revalidatePath(`/agent/tickets/${ref}`);
    return { status: "success", message: "Saved." };
  },
);

/** Applies the requested account change (name, phone, postal address) to the customer. */
export const applyAccountChangeFromTicket = formAction(
  z.record(z.string(), z.unknown()),
  async (values): Promise<TFormState> => {
    const agent = await requireAgent();
    const ref = ZRef.parse(values.ref);
    const { fields } = await applyAccountChange({ agent, ref, values });
    revalidatePath(`/agent/tickets/${ref}`);
    return { status: "success", message: `Updated the customer's ${fields.join(", ")}.` };
  },
);

/** The ~10 s presence poll: records this agent on the ticket, returns the other agents there now. */
export async function checkInViewer(ref: string, composing: boolean): Promise<TOtherViewer[]> {
  const agent = await requireAgent();
  const parsed = ZRef.safeParse(ref);
  if (!parsed.success) return [];
  return checkInTicketViewer({ agent, ref: parsed.data, composing: composing === true });
}
