import "server-only";
import { forgetStoreData } from "@/lib/privacy/forget-store-data";
import { rateLimitSubjectIndex } from "@/lib/crypto/blind-index";
import { ENC } from "@/lib/crypto/contexts";
import type { TTx } from "@/lib/db";
import { emailIndex } from "@/lib/crypto/blind-index";
import { decrypt, encrypt } from "@/lib/crypto/encryption";
import { randomToken } from "@/lib/crypto/tokens";
import { linkAddresses } from "@/lib/accounts/email-change-links";
import { forgetOutboxRows } from "@/lib/privacy/forget-outbox-rows";

/** What replaces erased text in columns that cannot be empty. */
export const ERASED = "[erased]";

/** A blind-index value that matches no address (unique, so the columns' unique indexes hold). */
function deadIndex(): string {
  return `erased.${randomToken()}`;
}

export interface TErasureCounts {
  orders: number;
  tickets: number;
  messages: number;
  keysRevoked: number;
  sessions: number;
  outboxRows: number;
}

/**
 * Removes or irreversibly anonymises a customer's personal data, inside the caller's transaction:
 * profile, the e-mail and billing details of their orders (amounts, items and statuses stay for the
 * books), tickets (address, name, subject, every message body, attachment names), refund notes,
 * sessions, links, rate-limit counters and queued or sent mail for any of their addresses, and the
 * IP addresses, browsers and free-text notes in audit events about them. Blind indexes are replaced
 * by random values, so the old address matches nothing any more. Licence keys are revoked unless
 * `keepLicenseKeys`; download links always end. Returns the attachment files to delete from disk
 * once the transaction has committed.
 */
export async function eraseCustomerData(
  tx: TTx,
  input: { customerId: string; keepLicenseKeys: boolean; now: Date },
): Promise<{ counts: TErasureCounts; attachmentPaths: string[] }> {
  const { customerId, now } = input;
  const customer = await tx.customer.findUniqueOrThrow({
    where: { id: customerId },
    select: { emailHash: true, emailEnc: true },
  });

  // Every address the customer had: the current one and those of e-mail changes (both ways).
  const addresses = new Set([decrypt(customer.emailEnc, ENC.customerEmail)]);
  const changeTokens = await tx.verificationToken.findMany({
    where: { purpose: { in: ["email_change", "email_change_undo"] } },
    select: { id: true, payloadEnc: true },
  });
  const tokenIds: string[] = [];
  for (const token of changeTokens) {
    if (!token.payloadEnc) continue;
    const payload = linkAddresses(token.payloadEnc);
    if (payload.customerId !== customerId) continue;
    tokenIds.push(token.id);
    addresses.add(payload.from);
    addresses.add(payload.to);
  }
  const hashes = new Set([customer.emailHash, ...[...addresses].map(emailIndex)]);
  const hashList = [...hashes];

  await tx.customer.update({
    where: { id: customerId },
    data: {
      emailHash: deadIndex(),
      emailEnc: encrypt(ERASED, ENC.customerEmail),
      nameEnc: null,
      phoneEnc: null,
      addressEnc: null,
      newsletter: false,
      newsletterAt: null,
      erasedAt: now,
    },
  });
  const orders = await tx.order.updateMany({
    where: { customerId },
    data: {
      emailHash: deadIndex(),
      emailEnc: encrypt(ERASED, ENC.orderEmail),
      billingNameEnc: null,
      billingPhoneEnc: null,
      billingAddrEnc: null,
    },
  });

  await forgetStoreData(tx, { customerId, emailHashes: hashList });

  const tickets = await tx.ticket.findMany({
    where: { OR: [{ customerId }, { emailHash: { in: hashList } }] },
    select: { id: true },
  });
  const ticketIds = tickets.map((t) => t.id);
  await tx.ticket.updateMany({
    where: { id: { in: ticketIds } },
    data: {
      emailHash: deadIndex(),
      emailEnc: encrypt(ERASED, ENC.ticketEmail),
      nameEnc: null,
      subjectEnc: encrypt(ERASED, ENC.ticketSubject),
    },
  });
  const messages = await tx.ticketMessage.updateMany({
    where: { ticketId: { in: ticketIds } },
    data: { bodyEnc: encrypt(ERASED, ENC.ticketBody) },
  });
  const attachments = await tx.attachment.findMany({
    where: { ticketId: { in: ticketIds } },
    select: { storagePath: true },
  });
  await tx.attachment.updateMany({
    where: { ticketId: { in: ticketIds } },
    data: { fileNameEnc: encrypt(ERASED, ENC.attachmentFileName) },
  });
  await tx.refundRequest.updateMany({ where: { customerId }, data: { noteEnc: null, decisionNoteEnc: null } });

  const sessions = await tx.session.deleteMany({ where: { OR: [{ customerId }, { ticketId: { in: ticketIds } }] } });
  await tx.verificationToken.deleteMany({
    where: { OR: [{ id: { in: tokenIds } }, { identifier: { in: hashList } }] },
  });
  // Counter rows name their subject by a keyed index (lib/ratelimit): the customer's address
  // indexes and id, indexed the same way, find every counter kept about them.
  const subjects = [...hashList, customerId].map(rateLimitSubjectIndex);
  await tx.rateLimit.deleteMany({ where: { OR: subjects.map((index) => ({ key: { endsWith: `:${index}` } })) } });
  await tx.downloadGrant.updateMany({ where: { customerId, revokedAt: null }, data: { revokedAt: now } });
  const keysRevoked = input.keepLicenseKeys
    ? { count: 0 }
    : await tx.licenseKey.updateMany({
        where: { status: "active", orderItem: { order: { customerId } } },
        data: { status: "revoked", revokedAt: now, revokedReason: "erasure" },
      });

  await tx.auditEvent.updateMany({
    where: { OR: [{ customerId }, { actorId: customerId }] },
    data: { ipEnc: null, userAgent: null },
  });
  // Agents' free-text verification notes may name the person; keep that a change happened, not the note.
  const noted = await tx.auditEvent.findMany({
    where: { customerId, action: "account.email_change_requested" },
    select: { id: true, metadata: true },
  });
  for (const event of noted) {
    if (
      event.metadata &&
      typeof event.metadata === "object" &&
      !Array.isArray(event.metadata) &&
      "verification" in event.metadata
    ) {
      await tx.auditEvent.update({
        where: { id: event.id },
        data: { metadata: { ...event.metadata, verification: ERASED } },
      });
    }
  }
  const outboxRows = await forgetOutboxRows(tx, addresses);

  return {
    counts: {
      orders: orders.count,
      tickets: ticketIds.length,
      messages: messages.count,
      keysRevoked: keysRevoked.count,
      sessions: sessions.count,
      outboxRows,
    },
    attachmentPaths: attachments.map((a) => a.storagePath),
  };
}
