import "server-only";
import { redactCardNumbers } from "@/lib/redaction/redact-card-numbers";
import { ENC } from "@/lib/crypto/contexts";
import { db } from "@/lib/db";
import { decrypt, encrypt } from "@/lib/crypto/encryption";
import { AppError } from "@/lib/errors";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { TAgentSession } from "@/lib/auth/types";
import { RefundChangedMeanwhile, alreadyDecidedError } from "@/lib/refunds/already-decided";
import { enqueueRefundMail } from "@/lib/refunds/refund-mails";
import type { TRequestMeta } from "@/lib/http/request-meta";
import type { TDenyRefundInput } from "@/lib/refunds/schemas";

/**
 * `denyRefund(actor, input, meta)`: an agent denies a pending refund request with a reason the
 * buyer sees (required; encrypted). One conditional update on "still pending": if another agent
 * decided first, nothing changes and the caller learns who. The items are freed, and the audit
 * event and the buyer's mail commit with it.
 */
export async function denyRefund(
  actor: TAgentSession,
  input: TDenyRefundInput,
  meta: TRequestMeta,
): Promise<{ outcome: "denied"; refundId: string }> {
  const { refundId } = input;
  const note = input.note.trim();
  if (!note)
    throw new AppError("invalid_input", "Please correct the highlighted fields.", {
      fieldErrors: { note: ["Tell the buyer why the refund is denied."] },
    });
  try {
    return await db().$transaction(async (tx) => {
      const request = await tx.refundRequest.findUnique({
        where: { id: refundId },
        select: {
          id: true,
          customerId: true,
          order: { select: { number: true } },
          customer: { select: { emailEnc: true } },
        },
      });
      if (!request) throw new AppError("not_found", "There is no such refund request.");
      const done = await tx.refundRequest.updateMany({
        where: { id: refundId, status: "pending" },
        data: {
          status: "denied",
          decidedById: actor.agentId,
          decidedAt: new Date(),
          decisionNoteEnc: encrypt(redactCardNumbers(note).text, ENC.refundDecisionNote),
        },
      });
      if (done.count === 0) throw new RefundChangedMeanwhile();
      await tx.refundItem.updateMany({ where: { refundRequestId: refundId }, data: { activeItemId: null } });
      await recordAuditEvent(
        {
          actorType: "agent",
          actorId: actor.agentId,
          customerId: request.customerId,
          action: "refund.denied",
          targetType: "refund_request",
          targetId: refundId,
          ip: meta.ip,
          userAgent: meta.userAgent,
        },
        tx,
      );
      await enqueueRefundMail(tx, {
        kind: "denied",
        to: decrypt(request.customer.emailEnc, ENC.customerEmail),
        orderNumber: request.order.number,
        customerId: request.customerId,
      });
      return { outcome: "denied" as const, refundId };
    });
  } catch (error) {
    if (error instanceof RefundChangedMeanwhile) throw await alreadyDecidedError(refundId);
    throw error;
  }
}
