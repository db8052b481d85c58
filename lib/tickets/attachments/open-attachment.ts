import "server-only";
import { ENC } from "@/lib/crypto/contexts";
import fs from "node:fs";
import path from "node:path";
import { Readable } from "node:stream";
import { db } from "@/lib/db";
import { decrypt } from "@/lib/crypto/encryption";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { AppError } from "@/lib/errors";
import type { TAgentSession } from "@/lib/auth/types";
import { ticketWhereFor, type TTicketAccess } from "@/lib/tickets/ticket-access";
import { attachmentDir } from "@/lib/tickets/attachments/store-attachments";
import type { TRequestMeta } from "@/lib/http/request-meta";

/** Who asks for an attachment: an agent (any ticket), or the ticket's owner (buyer or guest session). */
export type TAttachmentViewer = { kind: "agent"; agent: TAgentSession } | { kind: "customer"; access: TTicketAccess };

const STORAGE_NAME = /^[0-9a-f]{40}$/;

/**
 * `openTicketAttachment(viewer, { attachmentId }, meta)` — an attachment's file for download. The owner check is part of the query — the buyer's tickets or
 * the guest session's one ticket, and never a file on an internal note — so anyone else gets "not
 * found". Agents' downloads are audited (a view of customer data).
 */
export async function openTicketAttachment(
  viewer: TAttachmentViewer,
  input: { attachmentId: string },
  meta: TRequestMeta,
) {
  if (!/^[A-Za-z0-9_-]{10,40}$/.test(input.attachmentId))
    throw new AppError("not_found", "There is no such file.", { key: "noSuchFile" });
  const scope =
    viewer.kind === "agent"
      ? {}
      : { ticket: ticketWhereFor(viewer.access), OR: [{ messageId: null }, { message: { internal: false } }] };
  const row = await db().attachment.findFirst({
    where: { id: input.attachmentId, ...scope },
    select: {
      id: true,
      ticketId: true,
      fileNameEnc: true,
      contentType: true,
      size: true,
      storagePath: true,
      ticket: { select: { customerId: true } },
    },
  });
  if (!row || !STORAGE_NAME.test(row.storagePath))
    throw new AppError("not_found", "There is no such file.", { key: "noSuchFile" });
  const filePath = path.join(attachmentDir(), row.storagePath);
  if (!fs.existsSync(filePath)) throw new AppError("not_found", "There is no such file.", { key: "noSuchFile" });
  if (viewer.kind === "agent") {
    await recordAuditEvent({
      actorType: "agent",
      actorId: viewer.agent.agentId,
      customerId: row.ticket.customerId,
      action: "ticket.attachment_downloaded",
      targetType: "attachment",
      targetId: row.id,
      ip: meta.ip,
      userAgent: meta.userAgent,
      metadata: { ticketId: row.ticketId },
    });
  }
  return {
    fileName: decrypt(row.fileNameEnc, ENC.attachmentFileName),
    contentType: row.contentType,
    size: row.size,
    /** The file's bytes as a web stream (for the response body). */
    stream: () => Readable.toWeb(fs.createReadStream(filePath)) as ReadableStream<Uint8Array>,
  };
}
