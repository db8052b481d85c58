import "server-only";
import { db } from "@/lib/db";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { AppError } from "@/lib/errors";
import { maskEmail } from "@/lib/buyers/email-address";
import { endBuyerSessionsExcept, moveCustomerEmail } from "@/lib/accounts/move-customer-email";
import { burnLink, LINK_PROBLEMS, parseUndoPayload, readLink } from "@/lib/accounts/email-change-links";

/** What an undo link is, without using it (its GET page). */
export async function describeUndoLink(token: string) {
  const { state, payload } = await readLink(token, "email_change_undo");
  return {
    state,
    maskedOld: payload ? maskEmail(payload.from) : undefined,
    maskedNew: payload ? maskEmail(payload.to) : undefined,
  };
}

/**
 * The POST of an undo link (mailed to the old address): burns it and moves the account back to the
 * old address — orders and tickets included — and ends EVERY session, since whoever changed the
 * address may be signed in. Refused when the account has changed again since, or the old address
 * now belongs to another customer.
 */
export async function undoEmailChange(input: {
  token: string;
  ip?: string | null;
  userAgent?: string | null;
}): Promise<{ restored: string }> {
  const result = await db().$transaction(async (tx) => {
    const raw = await burnLink(tx, input.token, "email_change_undo");
    if (!raw) return null;
    const undo = parseUndoPayload(raw);
    await moveCustomerEmail(tx, { customerId: undo.customerId, from: undo.to, to: undo.from });
    const sessionsEnded = await endBuyerSessionsExcept(tx, undo.customerId, []);
    await recordAuditEvent(
      {
        actorType: "customer",
        actorId: undo.customerId,
        customerId: undo.customerId,
        action: "account.email_change_undone",
        targetType: "customer",
        targetId: undo.customerId,
        ip: input.ip,
        userAgent: input.userAgent,
        metadata: { sessionsEnded },
      },
      tx,
    );
    return { restored: undo.from };
  });
  if (!result) {
    const { state } = await readLink(input.token, "email_change_undo");
    throw new AppError("unauthorized", LINK_PROBLEMS[state === "valid" ? "used" : state]);
  }
  return result;
}
