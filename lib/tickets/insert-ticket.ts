import "server-only";
import { redactCardNumbers } from "@/lib/redaction/redact-card-numbers";
import { ENC } from "@/lib/crypto/contexts";
import type { TTx } from "@/lib/db";
import { encrypt, encryptOptional } from "@/lib/crypto/encryption";
import { emailIndex } from "@/lib/crypto/blind-index";
import { newId } from "@/lib/crypto/tokens";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { createAttachmentRows, type TStoredFile } from "@/lib/tickets/attachments/store-attachments";
import type { TTicketCategory } from "@/lib/tickets/schemas";

export interface TNewTicketRow {
  ref: string;
  email: string;
  name: string | null;
  /** Already redacted. */
  subject: string;
  /** Already redacted. */
  message: string;
  category: TTicketCategory;
  customerId: string | null;
  orderId: string | null;
  /** An order number the guest typed that matched none of their orders (kept as a system note). */
  unmatchedOrderNumber: string | null;
  verified: boolean;
  files: readonly TStoredFile[];
  via: "form" | "api" | "portal";
  ip: string | null;
  userAgent: string | null;
  /** The writer's language (lib/i18n/locales.ts), for the mails about this ticket. */
  locale?: string | null;
}

/** Card numbers out of a free-text field, at the boundary where it is stored (callers may have counted them already). */
const clean = (text: string) => redactCardNumbers(text).text;

/**
 * Writes a ticket, its first message, its attachments and the audit event inside `tx`; returns its
 * id. Every typed field (name, subject, message, the unmatched order number) is redacted here.
 */
export async function insertTicket(tx: TTx, row: TNewTicketRow): Promise<string> {
  const id = newId();
  const now = new Date();
  await tx.ticket.create({
    data: {
      id,
      ref: row.ref,
      customerId: row.customerId,
      orderId: row.orderId,
      emailHash: emailIndex(row.email),
      emailEnc: encrypt(row.email, ENC.ticketEmail),
      nameEnc: encryptOptional(row.name === null ? null : clean(row.name), ENC.ticketName),
      subjectEnc: encrypt(clean(row.subject), ENC.ticketSubject),
      category: row.category,
      verifiedAt: row.verified ? now : null,
      lastMessageAt: now,
      locale: row.locale ?? null,
    },
  });
  const messageId = newId();
  await tx.ticketMessage.create({
    data: {
      id: messageId,
      ticketId: id,
      author: "customer",
      bodyEnc: encrypt(clean(row.message), ENC.ticketBody),
      createdAt: now,
    },
  });
  if (row.unmatchedOrderNumber) {
    await tx.ticketMessage.create({
      data: {
        id: newId(),
        ticketId: id,
        author: "system",
        internal: true,
        bodyEnc: encrypt(
          `The customer gave order number ${clean(row.unmatchedOrderNumber)}, which matches no order of this address.`,
          ENC.ticketBody,
        ),
        createdAt: new Date(now.getTime() + 1),
      },
    });
  }
  await createAttachmentRows(tx, { ticketId: id, messageId, files: row.files });
  await recordAuditEvent(
    {
      actorType: row.customerId && row.via === "portal" ? "customer" : "system",
      actorId: row.via === "portal" ? row.customerId : null,
      customerId: row.customerId,
      action: "ticket.created",
      targetType: "ticket",
      targetId: id,
      ip: row.ip,
      userAgent: row.userAgent,
      metadata: { via: row.via, category: row.category, verified: row.verified, attachments: row.files.length },
    },
    tx,
  );
  return id;
}
