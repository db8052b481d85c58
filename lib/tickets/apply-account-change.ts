import "server-only";
import { redactCardNumbers } from "@/lib/redaction/redact-card-numbers";
import { ENC } from "@/lib/crypto/contexts";
import { db } from "@/lib/db";
import { encrypt } from "@/lib/crypto/encryption";
import { newId } from "@/lib/crypto/tokens";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { AppError } from "@/lib/errors";
import type { TAgentSession } from "@/lib/auth/types";
import type { TRequestMeta } from "@/lib/http/request-meta";
import type { TAccountChangeInput } from "@/lib/tickets/agent-schemas";

/**
 * `applyAccountChange(agent, input, meta)` — applies an account-change request from a ticket to the customer's profile (name, phone, postal
 * address). Only for a confirmed ticket whose customer is known — the address on the ticket was
 * proven by the buyer — so nobody can change someone else's details by writing in their name.
 * Audited with the fields changed (never their values) and noted internally in the thread.
 */
export async function applyAccountChange(
  agent: TAgentSession,
  input: TAccountChangeInput,
  meta: TRequestMeta,
): Promise<{ fields: string[] }> {
  const v = input;
  const ticket = await db().ticket.findUnique({
    where: { ref: input.ref.toUpperCase() },
    select: { id: true, verifiedAt: true, customerId: true, emailHash: true },
  });
  if (!ticket) throw new AppError("not_found", "There is no such ticket.");
  const customer = ticket.verifiedAt
    ? await db().customer.findFirst({
        where: {
          OR: [...(ticket.customerId ? [{ id: ticket.customerId }] : []), { emailHash: ticket.emailHash }],
          erasedAt: null,
        },
        select: { id: true },
      })
    : null;
  if (!customer)
    throw new AppError(
      "conflict",
      "Only a confirmed ticket from a known customer's address can change account details.",
    );
  const data: { nameEnc?: string; phoneEnc?: string; addressEnc?: string } = {};
  if (v.name) data.nameEnc = encrypt(redactCardNumbers(v.name).text, ENC.customerName);
  if (v.phone) data.phoneEnc = encrypt(v.phone, ENC.customerPhone);
  if (v.line1) {
    const address = {
      line1: v.line1,
      line2: v.line2 ?? null,
      city: v.city,
      region: v.region ?? null,
      postalCode: v.postalCode,
      country: v.country,
    };
    data.addressEnc = encrypt(JSON.stringify(address), ENC.customerAddress);
  }
  const fields = [v.name ? "name" : null, v.phone ? "phone" : null, v.line1 ? "address" : null].filter(
    (f): f is string => f !== null,
  );
  await db().$transaction(async (tx) => {
    await tx.customer.update({ where: { id: customer.id }, data });
    await tx.ticketMessage.create({
      data: {
        id: newId(),
        ticketId: ticket.id,
        author: "system",
        agentId: agent.agentId,
        internal: true,
        bodyEnc: encrypt(`${agent.name} updated the customer's ${fields.join(", ")} from this ticket.`, ENC.ticketBody),
      },
    });
    await recordAuditEvent(
      {
        actorType: "agent",
        actorId: agent.agentId,
        customerId: customer.id,
        action: "customer.updated_from_ticket",
        targetType: "customer",
        targetId: customer.id,
        ip: meta.ip,
        userAgent: meta.userAgent,
        metadata: { fields, ticketId: ticket.id },
      },
      tx,
    );
  });
  return { fields };
}
