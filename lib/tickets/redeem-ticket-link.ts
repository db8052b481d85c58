import "server-only";
import type { TRequestMeta } from "@/lib/http/request-meta";
import { z } from "zod";
import { db } from "@/lib/db";
import { hashToken } from "@/lib/crypto/tokens";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { AppError, type TErrorKey } from "@/lib/errors";
import { createTicketSession } from "@/lib/tickets/ticket-sessions";
import type { TTicketLinkPurpose } from "@/lib/tickets/ticket-links";
import type { TTicketLinkToken } from "@/lib/tickets/schemas";

export type TTicketLinkState = "valid" | "expired" | "used" | "unknown";

const ZToken = z.string().min(20).max(200);
const PURPOSES: TTicketLinkPurpose[] = ["ticket_confirm", "ticket_access"];

const LINK_KEYS = {
  expired: "ticketLinkExpired",
  used: "ticketLinkUsed",
  unknown: "ticketLinkUnknown",
} as const satisfies Record<Exclude<TTicketLinkState, "valid">, TErrorKey>;

export const TICKET_LINK_MESSAGES: Record<Exclude<TTicketLinkState, "valid">, string> = {
  expired: "This link has expired. Ask for a new one below with your ticket reference and e-mail address.",
  used: "This link was already used. Each link works once — ask for a new one below.",
  unknown: "This link is not valid. It may have been copied incompletely — ask for a new one below.",
};

/**
 * `describeTicketLink({ token })` — what a ticket link is, without using it (the GET of the link
 * page must not burn it). Public and read-only.
 */
export async function describeTicketLink({
  token,
}: TTicketLinkToken): Promise<{ state: TTicketLinkState; purpose?: TTicketLinkPurpose; ref?: string }> {
  if (!ZToken.safeParse(token).success) return { state: "unknown" };
  const row = await db().verificationToken.findUnique({ where: { tokenHash: hashToken(token) } });
  if (!row || !PURPOSES.includes(row.purpose as TTicketLinkPurpose)) return { state: "unknown" };
  const ticket = await db().ticket.findUnique({ where: { id: row.identifier }, select: { ref: true } });
  if (!ticket) return { state: "unknown" };
  const state: TTicketLinkState = row.usedAt ? "used" : row.expiresAt <= new Date() ? "expired" : "valid";
  return { state, purpose: row.purpose as TTicketLinkPurpose, ref: ticket.ref };
}

/**
 * Uses a ticket link (the POST of its confirm button, through the "ticket-link" sign-in provider
 * in lib/auth/next-auth.ts, which calls it with `({ token }, meta)`): burns it atomically, marks a new guest
 * ticket as confirmed (verified) when it is a confirmation link, and opens a session scoped to that
 * one ticket.
 */
export async function redeemTicketLink(input: { token: string }, meta: TRequestMeta) {
  if (!ZToken.safeParse(input.token).success)
    throw new AppError("unauthorized", TICKET_LINK_MESSAGES.unknown, { key: "ticketLinkUnknown" });
  const result = await db().$transaction(async (tx) => {
    const now = new Date();
    const tokenHash = hashToken(input.token);
    const burned = await tx.verificationToken.updateMany({
      where: { tokenHash, purpose: { in: PURPOSES }, usedAt: null, expiresAt: { gt: now } },
      data: { usedAt: now },
    });
    if (burned.count !== 1) return null;
    const link = await tx.verificationToken.findUniqueOrThrow({
      where: { tokenHash },
      select: { identifier: true, purpose: true },
    });
    const ticket = await tx.ticket.findUnique({
      where: { id: link.identifier },
      select: {
        id: true,
        ref: true,
        verifiedAt: true,
        customerId: true,
        emailHash: true,
        order: { select: { customerId: true } },
      },
    });
    if (!ticket) throw new AppError("unauthorized", TICKET_LINK_MESSAGES.unknown, { key: "ticketLinkUnknown" });
    const confirming = link.purpose === "ticket_confirm" && !ticket.verifiedAt;
    if (confirming) {
      // Only now, with the mailbox proven, does a guest ticket join the customer of that address
      // (before, anyone could have typed the address and planted a ticket in their account).
      const customer = ticket.customerId
        ? null
        : await tx.customer.findUnique({
            where: { emailHash: ticket.emailHash },
            select: { id: true, erasedAt: true },
          });
      ticket.customerId ??= ticket.order?.customerId ?? (customer && !customer.erasedAt ? customer.id : null);
      await tx.ticket.update({ where: { id: ticket.id }, data: { verifiedAt: now, customerId: ticket.customerId } });
    }
    const sessionToken = await createTicketSession(tx, {
      ticketId: ticket.id,
      ip: meta.ip,
      userAgent: meta.userAgent,
    });
    await recordAuditEvent(
      {
        actorType: "customer",
        customerId: ticket.customerId,
        action: confirming ? "ticket.confirmed" : "ticket.link_used",
        targetType: "ticket",
        targetId: ticket.id,
        ip: meta.ip,
        userAgent: meta.userAgent,
      },
      tx,
    );
    return { ticketId: ticket.id, ref: ticket.ref, sessionToken };
  });
  if (!result) {
    // Explained outside the transaction: SQLite has one connection, busy until the transaction ends.
    const { state } = await describeTicketLink({ token: input.token });
    const problem = state === "valid" ? "used" : state;
    throw new AppError("unauthorized", TICKET_LINK_MESSAGES[problem], { key: LINK_KEYS[problem] });
  }
  return result;
}
