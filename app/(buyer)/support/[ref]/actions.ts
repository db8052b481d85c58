"use server";
import { orNotFound } from "@/lib/http/or-not-found";
import { headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { signOut } from "@/lib/auth/next-auth";
import { currentTicketAccess, currentTicketSession } from "@/lib/auth/guards";
import { revokeSession } from "@/lib/auth/sessions";
import { clientIp, userAgentOf } from "@/lib/http/client-info";
import { formAction, type TFormState } from "@/lib/http/form-action";
import { replyAsCustomer } from "@/lib/tickets/reply-as-customer";
import { newIdempotencyKey } from "@/lib/idempotency/run-once";
import { setTicketClosedByCustomer } from "@/lib/tickets/set-ticket-closed";

async function requireAccess() {
  const access = await currentTicketAccess();
  if (!access) notFound();
  return access;
}

/** The buyer's (or guest's) reply; files come from the same form. */
export const replyToTicket = formAction(
  z.object({ ref: z.string().max(20), body: z.string().max(40_000), idempotencyKey: z.string().max(200).optional() }),
  async ({ ref, body, idempotencyKey }, formData): Promise<TFormState> => {
    const access = await requireAccess();
    const requestHeaders = await headers();
    const files = formData.getAll("attachments").filter((v): v is File => typeof v !== "string");
    const { redacted } = await replyAsCustomer({
      access,
      ref,
      body,
      files,
      ip: clientIp(requestHeaders),
      userAgent: userAgentOf(requestHeaders),
      idempotencyKey,
    });
    revalidatePath(`/support/${ref}`);
    return {
      status: "success",
      data: { redacted: String(redacted), sentAt: String(Date.now()), nextKey: newIdempotencyKey() },
    };
  },
);

/** Close ("my problem is solved") or reopen. */
export async function setClosed(formData: FormData): Promise<void> {
  const access = await requireAccess();
  const raw = formData.get("ref");
  const ref = (typeof raw === "string" ? raw : "").slice(0, 20);
  // An unknown or foreign ticket is the not-found page, never an error page.
  await orNotFound(setTicketClosedByCustomer({ access, ref, closed: formData.get("closed") === "yes" }));
  redirect(`/support/${encodeURIComponent(ref)}`);
}

/** A guest leaves the request: their one-ticket session ends here. */
export async function leaveTicket(): Promise<void> {
  const guest = await currentTicketSession();
  if (guest) await revokeSession(guest.sessionId);
  await signOut({ redirectTo: "/support/new" });
}
