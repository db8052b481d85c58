import "server-only";
import { ENC } from "@/lib/crypto/contexts";
import { db, type TTx } from "@/lib/db";
import { encrypt } from "@/lib/crypto/encryption";
import { newId } from "@/lib/crypto/tokens";
import { AppError } from "@/lib/errors";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { enforceRateLimit, type TLimit } from "@/lib/ratelimit/consume";
import { hashRequest, runOnce } from "@/lib/idempotency/run-once";
import type { TBuyerSession } from "@/lib/auth/types";
import type { TRequestMeta } from "@/lib/http/request-meta";
import { insideRefundWindow, refundSupportUrl } from "@/lib/refunds/refund-window";
import { enqueueRefundMail } from "@/lib/refunds/refund-mails";
import { redactCardNumbers } from "@/lib/redaction/redact-card-numbers";
import type { TRefundReason, TRefundRequestInput } from "@/lib/refunds/schemas";

/** New refund requests per buyer: far above real use, a wall for a script. */
export const REFUND_REQUEST_LIMIT: TLimit = { name: "refund-request:customer", max: 30, windowSeconds: 3600 };

const IDEMPOTENCY_TTL_SECONDS = 24 * 3600;

export interface TRequestRefundResult {
  refundId: string;
  /** False when an earlier submission already created this request (double click, second tab). */
  created: boolean;
  [key: string]: string | boolean;
}

/**
 * `requestRefund(actor, input, meta)`: a buyer asks for the refund of some or all items of one of
 * their orders. Ownership is in the query; at least one item, and every item must be paid, not in
 * another live request and inside its product's refund window. One request per item however often
 * the form is sent: the form's idempotency key replays the first answer, and the unique
 * `activeItemId` makes a racing second submission return the request that won. The note is
 * redacted (card numbers) and encrypted; the "received" mail and the audit event commit with the
 * request.
 */
export async function requestRefund(
  actor: TBuyerSession,
  input: TRefundRequestInput,
  meta: TRequestMeta,
): Promise<TRequestRefundResult> {
  // The form's schema says so too; an empty request would be one with nothing to decide.
  if (input.itemIds.length === 0)
    throw new AppError("invalid_input", "Please correct the highlighted fields.", {
      fieldErrors: { itemIds: ["Choose at least one item to refund."] },
      key: "fixFields",
      fieldKeys: { itemIds: "chooseRefundItem" },
    });
  const request = { ...input, itemIds: [...new Set(input.itemIds)].sort() };
  const { customerId } = actor;
  return runOnce(
    {
      key: `refund:${customerId}:${request.idempotencyKey}`,
      requestHash: hashRequest(["refund.request", request.orderId, ...request.itemIds, request.reason, request.note]),
      ttlSeconds: IDEMPOTENCY_TTL_SECONDS,
    },
    async () => {
      await enforceRateLimit(REFUND_REQUEST_LIMIT, customerId);
      try {
        return await db().$transaction((tx) => createRequest(tx, actor, meta, request), {
          maxWait: 15_000,
          timeout: 30_000,
        });
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        // Another submission for these items committed first: hand back its request.
        const existing = await liveRequestFor(customerId, request.itemIds);
        if (!existing)
          throw new AppError("conflict", "These items already have a refund request. Reload the page to see it.", {
            key: "refundExists",
          });
        return { refundId: existing, created: false };
      }
    },
  );
}

async function createRequest(
  tx: TTx,
  actor: TBuyerSession,
  meta: TRequestMeta,
  request: { orderId: string; itemIds: string[]; reason: TRefundReason; note: string },
): Promise<TRequestRefundResult> {
  const { customerId } = actor;
  const now = new Date();
  const order = await tx.order.findFirst({
    where: { id: request.orderId, customerId },
    select: {
      id: true,
      number: true,
      placedAt: true,
      status: true,
      items: {
        select: {
          id: true,
          name: true,
          quantity: true,
          unitAmount: true,
          status: true,
          product: { select: { refundWindowDays: true } },
          refundItems: { where: { activeItemId: { not: null } }, select: { refundRequestId: true } },
        },
      },
    },
  });
  if (!order) throw new AppError("not_found", "There is no such order.", { key: "noSuchOrder" });
  const items = request.itemIds.map((id) => order.items.find((item) => item.id === id));
  if (items.some((item) => item === undefined))
    throw new AppError("not_found", "There is no such item in this order.", { key: "noSuchOrderItem" });
  const chosen = items.filter((item) => item !== undefined);

  const live = [...new Set(chosen.flatMap((item) => item.refundItems.map((r) => r.refundRequestId)))];
  if (live.length === 1 && chosen.every((item) => item.refundItems.length > 0))
    return { refundId: live[0] ?? "", created: false };
  if (live.length > 0) {
    const named = chosen.find((item) => item.refundItems.length > 0)?.name ?? "An item";
    throw new AppError("conflict", `${named} already has a refund request. Cancel it first or leave that item out.`, {
      key: "itemHasRefund",
      values: { item: named },
    });
  }
  if (order.status !== "paid" && order.status !== "partially_refunded")
    throw new AppError("conflict", "This order was already refunded or cancelled.", { key: "orderTakenBack" });
  for (const item of chosen) {
    if (item.status === "refunded")
      throw new AppError("conflict", `${item.name} was already refunded.`, {
        key: "itemRefunded",
        values: { item: item.name },
      });
    if (!insideRefundWindow(order.placedAt, item.product.refundWindowDays, now)) {
      throw new AppError(
        "conflict",
        `The ${item.product.refundWindowDays}-day refund window for ${item.name} has passed. Please open a support ticket instead: ${refundSupportUrl(order.number)}`,
        {
          key: "refundWindowPassed",
          values: { days: item.product.refundWindowDays, item: item.name, url: refundSupportUrl(order.number) },
        },
      );
    }
  }

  const refundId = newId();
  const amounts = chosen.map((item) => ({
    id: item.id,
    quantity: item.quantity,
    amount: item.quantity * item.unitAmount,
  }));
  const note = redactCardNumbers(request.note.trim()).text;
  await tx.refundRequest.create({
    data: {
      id: refundId,
      orderId: order.id,
      customerId,
      reason: request.reason,
      noteEnc: note ? encrypt(note, ENC.refundNote) : null,
      amount: amounts.reduce((sum, item) => sum + item.amount, 0),
      items: {
        create: amounts.map((item) => ({
          id: newId(),
          orderItemId: item.id,
          quantity: item.quantity,
          amount: item.amount,
          activeItemId: item.id,
        })),
      },
    },
    select: { id: true },
  });
  await recordAuditEvent(
    {
      actorType: "customer",
      actorId: customerId,
      customerId,
      action: "refund.requested",
      targetType: "refund_request",
      targetId: refundId,
      ip: meta.ip,
      userAgent: meta.userAgent,
      metadata: {
        orderId: order.id,
        reason: request.reason,
        items: chosen.length,
        orderItemIds: chosen.map((item) => item.id),
      },
    },
    tx,
  );
  await enqueueRefundMail(tx, {
    kind: "received",
    to: actor.email,
    orderNumber: order.number,
    customerId: actor.customerId,
    requestLocale: meta.locale,
  });
  return { refundId, created: true };
}

async function liveRequestFor(customerId: string, itemIds: string[]): Promise<string | null> {
  const item = await db().refundItem.findFirst({
    where: { activeItemId: { in: itemIds }, refundRequest: { customerId } },
    select: { refundRequestId: true },
  });
  return item?.refundRequestId ?? null;
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && "code" in error && error.code === "P2002";
}
