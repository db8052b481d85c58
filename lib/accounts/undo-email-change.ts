import "server-only";
import { db } from "@/lib/db";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { AppError } from "@/lib/errors";
import type { TRequestMeta } from "@/lib/http/request-meta";
import type { TEmailChangeLinkInput } from "@/lib/accounts/schemas";
import { endBuyerSessionsExcept, moveCustomerEmail } from "@/lib/accounts/move-customer-email";
import { burnLink, LINK_PROBLEM_KEYS, LINK_PROBLEMS, readLink } from "@/lib/accounts/email-change-links";

/**
 * `undoEmailChange(input, meta)` — public: the POST of an undo link (mailed to the old address).
 * Burns it and moves the account back to the old address — orders and tickets included — and ends
 * EVERY session, since whoever changed the address may be signed in. Refused when the account has
 * changed again since, or the old address now belongs to another customer.
 */
export async function undoEmailChange(input: TEmailChangeLinkInput, meta: TRequestMeta): Promise<{ restored: string }> {
  const result = await db().$transaction(async (tx) => {
    const undo = await burnLink(tx, input.token, "email_change_undo");
    if (!undo) return null;
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
        ip: meta.ip,
        userAgent: meta.userAgent,
        metadata: { sessionsEnded },
      },
      tx,
    );
    return { restored: undo.from };
  });
  if (!result) {
    const { state } = await readLink(input.token, "email_change_undo");
    const problem = state === "valid" ? "used" : state;
    throw new AppError("unauthorized", LINK_PROBLEMS[problem], { key: LINK_PROBLEM_KEYS[problem] });
  }
  return result;
}
