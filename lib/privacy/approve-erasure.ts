import "server-only";
import { ENC } from "@/lib/crypto/contexts";
import fs from "node:fs/promises";
import path from "node:path";
import { attachmentDir } from "@/lib/tickets/attachments/store-attachments";
import { db } from "@/lib/db";
import { decrypt } from "@/lib/crypto/encryption";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { assertAdmin } from "@/lib/auth/assert-admin";
import { AppError } from "@/lib/errors";
import { log } from "@/lib/log";
import type { TAgentSession } from "@/lib/auth/types";
import type { TRequestMeta } from "@/lib/http/request-meta";
import type { TErasureApprovalInput } from "@/lib/privacy/schemas";
import { eraseCustomerData, type TErasureCounts } from "@/lib/privacy/erase-customer-data";
import { queueErasureNotice } from "@/lib/privacy/erasure-notice";
import { purgeDeliveredErasureNotices } from "@/lib/privacy/purge-erasure-notices";

/**
 * `approveErasure(agent, input, meta)` — an admin (agents are refused) approves an erasure request,
 * choosing whether the buyer's licence keys stay valid. In one transaction: the request is claimed
 * (a second approval, even at the same moment, fails), the notice to the buyer is queued while
 * their address still exists, everything personal is erased (lib/privacy/erase-customer-data), and
 * an audit event records that it happened — counts and the key choice only. Attachment files are
 * deleted from disk after the commit.
 */
export async function approveErasure(
  agent: TAgentSession,
  input: TErasureApprovalInput,
  meta: TRequestMeta,
): Promise<TErasureCounts> {
  assertAdmin(agent);
  const keepLicenseKeys = input.keys === "keep";
  const now = new Date();
  const { counts, attachmentPaths } = await db().$transaction(
    async (tx) => {
      const request = await tx.erasureRequest.findUnique({
        where: { id: input.requestId },
        select: { id: true, customerId: true, status: true },
      });
      if (!request) throw new AppError("not_found", "Erasure request not found.");
      const claimed = await tx.erasureRequest.updateMany({
        where: { id: request.id, status: "pending" },
        data: { status: "completed", keepLicenseKeys, decidedById: agent.agentId, decidedAt: now },
      });
      if (claimed.count !== 1) throw new AppError("conflict", "This request was already decided.");
      const customer = await tx.customer.findUniqueOrThrow({
        where: { id: request.customerId },
        select: { emailEnc: true, erasedAt: true, locale: true },
      });
      if (customer.erasedAt) throw new AppError("conflict", "This customer was already erased.");
      const address = decrypt(customer.emailEnc, ENC.customerEmail);
      const result = await eraseCustomerData(tx, { customerId: request.customerId, keepLicenseKeys, now });
      // Queued after the outbox was cleared of the old address, before the transaction commits.
      await queueErasureNotice(tx, { to: address, keepLicenseKeys, locale: customer.locale });
      await recordAuditEvent(
        {
          actorType: "agent",
          actorId: agent.agentId,
          customerId: request.customerId,
          action: "privacy.erasure_completed",
          targetType: "erasure_request",
          targetId: request.id,
          ip: meta.ip,
          userAgent: meta.userAgent,
          metadata: { keepLicenseKeys, ...result.counts },
        },
        tx,
      );
      return result;
    },
    { maxWait: 15_000, timeout: 60_000 },
  );
  await deleteAttachmentFiles(attachmentPaths);
  // Notices of earlier erasures that have been delivered since (the worker purges them too).
  await purgeDeliveredErasureNotices();
  return counts;
}

async function deleteAttachmentFiles(paths: string[]): Promise<void> {
  // Attachment storage paths are relative to the attachments folder (lib/tickets/attachments).
  const root = path.resolve(attachmentDir());
  for (const relative of paths) {
    const full = path.resolve(root, relative);
    if (!full.startsWith(root + path.sep)) continue;
    await fs
      .rm(full, { force: true })
      .catch((error: unknown) => log.warn("could not delete an erased attachment", { error }));
  }
}
