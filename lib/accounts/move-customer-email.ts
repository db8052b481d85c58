import "server-only";
import { ENC } from "@/lib/crypto/contexts";
import type { TTx } from "@/lib/db";
import { emailIndex } from "@/lib/crypto/blind-index";
import { encrypt } from "@/lib/crypto/encryption";
import { AppError } from "@/lib/errors";
import { revokeCustomerTicketSessions } from "@/lib/auth/buyer-sessions";

export const ADDRESS_TAKEN_MESSAGE =
  "That e-mail address already belongs to another customer account. Contact support if you want the two accounts merged.";

/**
 * Moves a customer from one e-mail address to another inside the caller's transaction: the
 * customer row, the e-mail (blind index and ciphertext) of all their orders — so look-ups, agent
 * searches and future mail use the new address — and their tickets (plus guest tickets written
 * from the old address and confirmed from it; an unconfirmed one may be a stranger's and stays). Sign-in links still open for the old address are burned. Refuses (conflict)
 * when the customer no longer has `from` (a later change won) or `to` belongs to someone else.
 * Billing names, phones and postal addresses on orders stay as they were placed.
 */
export async function moveCustomerEmail(
  tx: TTx,
  input: { customerId: string; from: string; to: string },
): Promise<{ orders: number; tickets: number }> {
  const fromHash = emailIndex(input.from);
  const toHash = emailIndex(input.to);
  const taken = await tx.customer.findUnique({ where: { emailHash: toHash }, select: { id: true } });
  if (taken && taken.id !== input.customerId)
    throw new AppError("conflict", ADDRESS_TAKEN_MESSAGE, { key: "addressTaken" });
  const moved = await tx.customer.updateMany({
    where: { id: input.customerId, emailHash: fromHash, erasedAt: null },
    data: { emailHash: toHash, emailEnc: encrypt(input.to, ENC.customerEmail) },
  });
  if (moved.count !== 1)
    throw new AppError(
      "conflict",
      "The e-mail address of this account has changed again since this link was sent, so the link no longer applies. Contact support if you need help.",
      { key: "addressChangedAgain" },
    );
  const orders = await tx.order.updateMany({
    where: { customerId: input.customerId },
    data: { emailHash: toHash, emailEnc: encrypt(input.to, ENC.orderEmail) },
  });
  const tickets = await tx.ticket.updateMany({
    where: {
      OR: [{ customerId: input.customerId }, { customerId: null, emailHash: fromHash, verifiedAt: { not: null } }],
    },
    data: { customerId: input.customerId, emailHash: toHash, emailEnc: encrypt(input.to, ENC.ticketEmail) },
  });
  await tx.verificationToken.updateMany({
    where: { identifier: fromHash, purpose: "buyer_sign_in", usedAt: null },
    data: { usedAt: new Date() },
  });
  return { orders: orders.count, tickets: tickets.count };
}

/**
 * Ends the buyer sessions of a customer except the listed ones, and every guest session on their
 * tickets (call it after `moveCustomerEmail`, which joins the confirmed guest tickets to the
 * customer); returns how many ended.
 */
export async function endBuyerSessionsExcept(tx: TTx, customerId: string, keep: readonly string[]): Promise<number> {
  const result = await tx.session.updateMany({
    where: { customerId, kind: "buyer", revokedAt: null, ...(keep.length > 0 ? { id: { notIn: [...keep] } } : {}) },
    data: { revokedAt: new Date() },
  });
  return result.count + (await revokeCustomerTicketSessions(customerId, tx));
}
