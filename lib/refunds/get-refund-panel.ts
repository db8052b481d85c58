import "server-only";
import { ENC } from "@/lib/crypto/contexts";
import { db } from "@/lib/db";
import { decryptOptional } from "@/lib/crypto/encryption";
import { AppError } from "@/lib/errors";
import type { TBuyerSession } from "@/lib/auth/types";
import { detectDuplicates } from "@/lib/refunds/detect-duplicates";
import { insideRefundWindow, refundSupportUrl } from "@/lib/refunds/refund-window";
import type { TRefundPanelInput, TRefundReason } from "@/lib/refunds/schemas";

export interface TRefundPanelItem {
  id: string;
  name: string;
  quantity: number;
  amount: number;
  /** Null when the item can be chosen; otherwise why not, for the buyer. */
  blocked: null | "refunded" | "requested" | "window_passed";
  windowDays: number;
  windowEndsAt: Date;
  /** The earlier order this item probably repeats. */
  duplicateOf: { number: string; source: string; placedAt: Date } | null;
}

export interface TRefundPanelRequest {
  id: string;
  status: "pending" | "approved" | "denied" | "cancelled";
  reason: TRefundReason;
  createdAt: Date;
  decidedAt: Date | null;
  /** The agent's words to the buyer (denial reason or approval note). */
  decisionNote: string | null;
  amount: number;
  itemNames: string[];
  gatewayStatus: string | null;
}

export interface TRefundPanel {
  orderId: string;
  orderNumber: string;
  currency: string;
  items: TRefundPanelItem[];
  suggestedReason: TRefundReason | null;
  /** Where to go when the refund window has passed. */
  supportUrl: string;
  requests: TRefundPanelRequest[];
}

/**
 * `getRefundPanel(actor, input)`: what the buyer's refund panel shows for one of their orders:
 * which items can still be refunded (and why not), the refund window per product, a
 * duplicate-purchase suggestion, and their refund requests for this order with status and the
 * agent's reason. Ownership is part of every query; another buyer's order is `not_found`.
 */
export async function getRefundPanel(actor: TBuyerSession, input: TRefundPanelInput): Promise<TRefundPanel> {
  const now = new Date();
  const { customerId } = actor;
  const order = await db().order.findFirst({
    where: { id: input.orderId, customerId },
    select: {
      id: true,
      number: true,
      placedAt: true,
      currency: true,
      status: true,
      items: {
        orderBy: { position: "asc" },
        select: {
          id: true,
          name: true,
          quantity: true,
          unitAmount: true,
          status: true,
          product: { select: { refundWindowDays: true } },
          refundItems: { where: { activeItemId: { not: null } }, select: { id: true } },
        },
      },
      refunds: {
        where: { customerId },
        orderBy: { createdAt: "desc" },
        take: 20,
        select: {
          id: true,
          status: true,
          reason: true,
          createdAt: true,
          decidedAt: true,
          decisionNoteEnc: true,
          amount: true,
          gatewayStatus: true,
          items: { select: { orderItem: { select: { name: true } } } },
        },
      },
    },
  });
  if (!order) throw new AppError("not_found", "There is no such order.", { key: "noSuchOrder" });
  const duplicates = await detectDuplicates({ customerId, orderId: order.id });
  const takenBack = order.status === "refunded" || order.status === "cancelled" || order.status === "chargeback";
  const items: TRefundPanelItem[] = order.items.map((item) => {
    const windowDays = item.product.refundWindowDays;
    const duplicate = duplicates.find((d) => d.orderItemId === item.id)?.other ?? null;
    let blocked: TRefundPanelItem["blocked"] = null;
    if (takenBack || item.status === "refunded") blocked = "refunded";
    else if (item.refundItems.length > 0) blocked = "requested";
    else if (!insideRefundWindow(order.placedAt, windowDays, now)) blocked = "window_passed";
    return {
      id: item.id,
      name: item.name,
      quantity: item.quantity,
      amount: item.quantity * item.unitAmount,
      blocked,
      windowDays,
      windowEndsAt: new Date(order.placedAt.getTime() + windowDays * 86_400_000),
      duplicateOf: duplicate
        ? { number: duplicate.number, source: duplicate.source, placedAt: duplicate.placedAt }
        : null,
    };
  });
  return {
    orderId: order.id,
    orderNumber: order.number,
    currency: order.currency,
    items,
    suggestedReason: items.some((item) => item.blocked === null && item.duplicateOf) ? "duplicate" : null,
    supportUrl: refundSupportUrl(order.number),
    requests: order.refunds.map((r) => ({
      id: r.id,
      status: r.status,
      reason: r.reason,
      createdAt: r.createdAt,
      decidedAt: r.decidedAt,
      decisionNote: decryptOptional(r.decisionNoteEnc, ENC.refundDecisionNote),
      amount: r.amount,
      itemNames: r.items.map((i) => i.orderItem.name),
      gatewayStatus: r.gatewayStatus,
    })),
  };
}
