import "server-only";
import { redactCardNumbers } from "@/lib/redaction/redact-card-numbers";
import { ENC } from "@/lib/crypto/contexts";
import { db, type TTx } from "@/lib/db";
import { decrypt, encrypt } from "@/lib/crypto/encryption";
import { AppError } from "@/lib/errors";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import type { TAgentSession } from "@/lib/auth/types";
import type { TRequestMeta } from "@/lib/http/request-meta";
import { readRefundPolicy } from "@/lib/settings/refund-settings";
import { applyRefund } from "@/lib/refunds/apply-refund";
import { RefundChangedMeanwhile, alreadyDecidedError } from "@/lib/refunds/already-decided";
import { enqueueRefundMail } from "@/lib/refunds/refund-mails";
import { ZStoredApprovedItems, type TApproveRefundInput } from "@/lib/refunds/schemas";

export interface TApproveResult {
  outcome: "approved" | "awaiting_second_approval";
  refundId: string;
  /** Approved amount in minor units. */
  amount: number;
}

/**
 * `approveRefund(actor, input, meta)`: an agent approves a pending refund request for the ticked
 * items (partial) or, explicitly, all of them (`allItems`); nothing ticked and no "all" is refused.
 * When this refund plus what was already approved on the same order exceeds the admin-set amount,
 * the first approval is only recorded (with its items) and a different admin must confirm it (for
 * those items) — so splitting a large refund into one request per item does not avoid it. The decision is one conditional update on "still pending
 * (and first-approved by the same agent as read)", so of two agents deciding at once exactly one
 * wins and the other is told who did. The refund's effects, the gateway step, the audit event and
 * the buyer's mail commit with it.
 */
export async function approveRefund(
  actor: TAgentSession,
  input: TApproveRefundInput,
  meta: TRequestMeta,
): Promise<TApproveResult> {
  try {
    return await db().$transaction((tx) => approveInTransaction(tx, actor, input, meta), {
      maxWait: 15_000,
      timeout: 30_000,
    });
  } catch (error) {
    if (error instanceof RefundChangedMeanwhile) throw await alreadyDecidedError(input.refundId);
    throw error;
  }
}

async function approveInTransaction(
  tx: TTx,
  agent: TAgentSession,
  decision: TApproveRefundInput,
  meta: TRequestMeta,
): Promise<TApproveResult> {
  const now = new Date();
  const request = await tx.refundRequest.findUnique({
    where: { id: decision.refundId },
    select: {
      id: true,
      status: true,
      orderId: true,
      customerId: true,
      firstApprovedById: true,
      approvedItems: true,
      items: { select: { id: true, orderItemId: true, amount: true } },
      order: { select: { number: true } },
      customer: { select: { emailEnc: true } },
    },
  });
  if (!request) throw new AppError("not_found", "There is no such refund request.");
  if (request.status !== "pending") throw new RefundChangedMeanwhile();

  const requested = request.items.map((item) => item.orderItemId);
  let itemIds: string[];
  if (request.firstApprovedById) {
    if (agent.role !== "admin") throw new AppError("forbidden", "This refund needs a second approval by an admin.");
    if (request.firstApprovedById === agent.agentId)
      throw new AppError("conflict", "A different admin must confirm this refund.");
    // The second admin confirms what the first one chose; the items are not chosen again.
    itemIds = ZStoredApprovedItems.parse(request.approvedItems) ?? requested;
  } else {
    itemIds = chosenItems(decision, requested);
  }
  const amount = request.items
    .filter((item) => itemIds.includes(item.orderItemId))
    .reduce((sum, item) => sum + item.amount, 0);
  const settings = await readRefundPolicy(tx);
  const audit = {
    actorType: "agent" as const,
    actorId: agent.agentId,
    customerId: request.customerId,
    targetType: "refund_request",
    targetId: request.id,
    ip: meta.ip,
    userAgent: meta.userAgent,
  };

  const alreadyRefunded =
    request.firstApprovedById || settings.secondApprovalAboveMinor === null
      ? 0
      : ((
          await tx.refundRequest.aggregate({
            where: { orderId: request.orderId, status: "approved", id: { not: request.id } },
            _sum: { amount: true },
          })
        )._sum.amount ?? 0);
  if (
    !request.firstApprovedById &&
    settings.secondApprovalAboveMinor !== null &&
    alreadyRefunded + amount > settings.secondApprovalAboveMinor
  ) {
    const first = await tx.refundRequest.updateMany({
      where: { id: request.id, status: "pending", firstApprovedById: null },
      data: { firstApprovedById: agent.agentId, firstApprovedAt: now, approvedItems: itemIds },
    });
    if (first.count === 0) throw new RefundChangedMeanwhile();
    await recordAuditEvent(
      { ...audit, action: "refund.first_approved", metadata: { amount, items: itemIds.length, orderItemIds: itemIds } },
      tx,
    );
    return { outcome: "awaiting_second_approval", refundId: request.id, amount };
  }

  const settled = await tx.refundRequest.updateMany({
    where: { id: request.id, status: "pending", firstApprovedById: request.firstApprovedById },
    data: {
      status: "approved",
      decidedById: agent.agentId,
      decidedAt: now,
      decisionNoteEnc: decision.note ? encrypt(redactCardNumbers(decision.note).text, ENC.refundDecisionNote) : null,
      approvedItems: itemIds,
      amount,
    },
  });
  if (settled.count === 0) throw new RefundChangedMeanwhile();
  // Items left out of a partial approval may be asked for again.
  await tx.refundItem.updateMany({
    where: { refundRequestId: request.id, orderItemId: { notIn: itemIds } },
    data: { activeItemId: null },
  });
  const effects = await applyRefund(tx, { refundId: request.id, orderId: request.orderId, itemIds, now, settings });
  await tx.refundRequest.update({ where: { id: request.id }, data: { gatewayStatus: effects.gatewayStatus } });
  await recordAuditEvent(
    {
      ...audit,
      action: "refund.approved",
      metadata: {
        amount,
        partial: itemIds.length < requested.length,
        orderItemIds: itemIds,
        secondApprovalOf: request.firstApprovedById,
        keysRevoked: effects.revocation.keysRevoked,
        grantsRevoked: effects.revocation.grantsRevoked,
        orderStatus: effects.orderStatus,
        gateway: settings.gateway,
      },
    },
    tx,
  );
  await enqueueRefundMail(tx, {
    kind: "approved",
    to: decrypt(request.customer.emailEnc, ENC.customerEmail),
    orderNumber: request.order.number,
    customerId: request.customerId,
  });
  return { outcome: "approved", refundId: request.id, amount };
}

/** The items a first decision refunds: every requested one when "all" was chosen, else the ticked ones. */
function chosenItems(decision: TApproveRefundInput, requested: string[]): string[] {
  if (decision.allItems) return requested;
  if (decision.itemIds.length === 0)
    throw new AppError("invalid_input", "Tick at least one item to refund.", {
      fieldErrors: { itemIds: ["Tick at least one item."] },
    });
  const itemIds = [...new Set(decision.itemIds)];
  if (itemIds.some((id) => !requested.includes(id)))
    throw new AppError("invalid_input", "Only items of this request can be refunded.");
  return itemIds;
}
