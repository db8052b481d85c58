import "server-only";
import { db, type TTx } from "@/lib/db";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { AppError } from "@/lib/errors";
import { maskEmail } from "@/lib/buyers/email-address";
import type { TBuyerSession } from "@/lib/auth/types";
import type { TRequestMeta } from "@/lib/http/request-meta";
import type { TEmailChangeLinkInput } from "@/lib/accounts/schemas";
import { endBuyerSessionsExcept, moveCustomerEmail } from "@/lib/accounts/move-customer-email";
import {
  burnLink,
  createLink,
  LINK_PROBLEM_KEYS,
  LINK_PROBLEMS,
  readLink,
  UNDO_LINK_MS,
} from "@/lib/accounts/email-change-links";
import { queueChangedNotice } from "@/lib/accounts/email-change-mails";

/**
 * `confirmEmailChange(buyer | null, input, meta)` — the POST of a confirm link, by whoever holds it
 * (signed in or not: the link itself is the proof). Burns it and, in the same transaction, moves
 * the customer, their orders and tickets to the new address, ends every other session (the one
 * that asked for the change and, when it is the same customer, the one confirming stay), and mails
 * the old address a notice — always — with a 7-day undo link when the buyer made the change, or
 * when an admin's correction moved away from an address that has signed in since it became the
 * account's (it is the owner's, so the owner can take the account back). After a correction of an
 * address that never signed in there is no undo link: the mistyped address may be a stranger's.
 */
export async function confirmEmailChange(
  buyer: TBuyerSession | null,
  input: TEmailChangeLinkInput,
  meta: TRequestMeta,
): Promise<{ to: string }> {
  const result = await db().$transaction(async (tx) => {
    const change = await burnLink(tx, input.token, "email_change");
    if (!change) return null;
    const moved = await moveCustomerEmail(tx, { customerId: change.customerId, from: change.from, to: change.to });
    const keep = [change.sessionId, buyer?.customerId === change.customerId ? buyer.sessionId : null].filter(
      (id): id is string => id !== null,
    );
    const sessionsEnded = await endBuyerSessionsExcept(tx, change.customerId, keep);
    const undoable = !change.agentId || (await hasSignedInAt(tx, change.customerId));
    const undo = !undoable
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
      customerId: change.customerId,
    });
    await recordAuditEvent(
      {
        actorType: "customer",
        actorId: change.customerId,
        customerId: change.customerId,
        action: "account.email_changed",
        targetType: "customer",
        targetId: change.customerId,
        ip: meta.ip,
        userAgent: meta.userAgent,
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
    const problem = state === "valid" ? "used" : state;
    throw new AppError("unauthorized", LINK_PROBLEMS[problem], { key: LINK_PROBLEM_KEYS[problem] });
  }
  return result;
}

/**
 * Whether the customer signed in (with a mailed link, so from their current address) since that
 * address became theirs: after their last address change, or ever when there was none.
 */
async function hasSignedInAt(tx: TTx, customerId: string): Promise<boolean> {
  const lastChange = await tx.auditEvent.findFirst({
    where: { customerId, action: "account.email_changed" },
    orderBy: { at: "desc" },
    select: { at: true },
  });
  const since = lastChange ? { gt: lastChange.at } : undefined;
  // A buyer session exists only after a mailed sign-in link was used; the audit event outlives it.
  const session = await tx.session.findFirst({
    where: { customerId, kind: "buyer", ...(since ? { createdAt: since } : {}) },
    select: { id: true },
  });
  if (session) return true;
  const signIn = await tx.auditEvent.findFirst({
    where: { customerId, action: "buyer.sign_in", ...(since ? { at: since } : {}) },
    select: { id: true },
  });
  return signIn !== null;
}
