import "server-only";
import { db } from "@/lib/db";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { AppError } from "@/lib/errors";
import { maskEmail } from "@/lib/buyers/email-address";
import type { TBuyerSession } from "@/lib/auth/types";
import { endBuyerSessionsExcept, moveCustomerEmail } from "@/lib/accounts/move-customer-email";
import {
  burnLink,
  createLink,
  LINK_PROBLEMS,
  parseChangePayload,
  readLink,
  UNDO_LINK_MS,
} from "@/lib/accounts/email-change-links";
import { queueChangedNotice } from "@/lib/accounts/email-change-mails";

/** What a confirm link is, without using it (its GET page): state and the new address, masked. */
export async function describeEmailChangeLink(token: string) {
  const { state, payload } = await readLink(token, "email_change");
  return { state, maskedEmail: payload ? maskEmail(payload.to) : undefined };
}

/**
 * The POST of a confirm link: burns it and, in the same transaction, moves the customer, their
 * orders and tickets to the new address, ends every other session (the one that asked for the
 * change and the one confirming stay), and mails the old address a notice — with a 7-day undo link
 * when the buyer made the change (not after an agent's typo correction: the old, mistyped address
 * may be a stranger's).
 */
export async function confirmEmailChange(input: {
  token: string;
  currentBuyer: TBuyerSession | null;
  ip?: string | null;
  userAgent?: string | null;
}): Promise<{ to: string }> {
  const result = await db().$transaction(async (tx) => {
    const raw = await burnLink(tx, input.token, "email_change");
    if (!raw) return null;
    const change = parseChangePayload(raw);
    const moved = await moveCustomerEmail(tx, { customerId: change.customerId, from: change.from, to: change.to });
    const keep = [
      change.sessionId,
      input.currentBuyer?.customerId === change.customerId ? input.currentBuyer.sessionId : null,
    ].filter((id): id is string => id !== null);
    const sessionsEnded = await endBuyerSessionsExcept(tx, change.customerId, keep);
    const undo = change.agentId
      ? null
      : await createLink(
          tx,
          "email_change_undo",
          change.from,
          { customerId: change.customerId, from: change.from, to: change.to },
          UNDO_LINK_MS,
        );
    await queueChangedNotice(tx, {
      to: change.from,
      newAddressMasked: maskEmail(change.to),
      undoToken: undo?.token ?? null,
    });
    await recordAuditEvent(
      {
        actorType: "customer",
        actorId: change.customerId,
        customerId: change.customerId,
        action: "account.email_changed",
        targetType: "customer",
        targetId: change.customerId,
        ip: input.ip,
        userAgent: input.userAgent,
        metadata: {
          by: change.agentId ? "agent" : "customer",
          agentId: change.agentId,
          orders: moved.orders,
          tickets: moved.tickets,
          sessionsEnded,
        },
      },
      tx,
    );
    return { to: change.to };
  });
  if (!result) {
    // Explained outside the transaction (SQLite's one connection is busy until it ends).
    const { state } = await readLink(input.token, "email_change");
    throw new AppError("unauthorized", LINK_PROBLEMS[state === "valid" ? "used" : state]);
  }
  return result;
}
