import "server-only";
import { ENC } from "@/lib/crypto/contexts";
import { LICENSE_KEY_ORDER } from "@/lib/licenses/key-order";
import { z } from "zod";
import { db } from "@/lib/db";
import { decrypt } from "@/lib/crypto/encryption";
import { AppError } from "@/lib/errors";
import type { TBuyerSession } from "@/lib/auth/types";
import { maskLicenseKey } from "@/lib/orders/agent-order-dto";
import {
  BUYER_ORDER_SELECT,
  toBuyerOrderSummary,
  type TBuyerOrderItem,
  type TBuyerOrderSummary,
} from "@/lib/orders/buyer-order-dto";

export interface TBuyerLicenseKey {
  id: string;
  /** Only the last five characters: "•••••-•••••-•••••-12345". */
  masked: string;
  status: "active" | "revoked";
  revokedAt: Date | null;
}

export interface TBuyerOrderDetail extends Omit<TBuyerOrderSummary, "items"> {
  items: (TBuyerOrderItem & { keys: TBuyerLicenseKey[] })[];
  /** The buyer's other orders with the same number (numbers are unique per source only). */
  sameNumber: { id: string; source: string; placedAt: Date }[];
}

const ZLookup = z
  .object({
    number: z.string().trim().min(1).max(100).optional(),
    source: z.string().trim().min(1).max(100).optional(),
    orderId: z.string().min(1).max(64).optional(),
  })
  .refine((lookup) => lookup.number !== undefined || lookup.orderId !== undefined);

/** By number (optionally narrowed to a source), by id, or both (the id must then carry that number). */
export type TBuyerOrderLookup = { number?: string; source?: string; orderId?: string };

const NOT_FOUND = "There is no such order.";

/**
 * One order of the signed-in buyer, by number (the newest when several sources used the same
 * number; `source` picks another) or by id, with its items and masked licence keys. The owner is
 * part of every query: another buyer's order is "not found", exactly like a missing one.
 */
export async function getBuyerOrder(input: { buyer: TBuyerSession } & TBuyerOrderLookup): Promise<TBuyerOrderDetail> {
  const parsed = ZLookup.safeParse(input);
  if (!parsed.success) throw new AppError("not_found", NOT_FOUND);
  const lookup = parsed.data;
  const orders = await db().order.findMany({
    where: {
      customerId: input.buyer.customerId,
      ...(lookup.number !== undefined ? { number: lookup.number } : { id: lookup.orderId }),
    },
    orderBy: [{ placedAt: "desc" }, { createdAt: "desc" }],
    take: 20,
    select: {
      ...BUYER_ORDER_SELECT,
      items: {
        ...BUYER_ORDER_SELECT.items,
        select: {
          ...BUYER_ORDER_SELECT.items.select,
          keys: { orderBy: [...LICENSE_KEY_ORDER], select: { id: true, keyEnc: true, status: true, revokedAt: true } },
        },
      },
    },
  });
  const order = orders.find(
    (o) => (!lookup.orderId || o.id === lookup.orderId) && (!lookup.source || o.source === lookup.source),
  );
  if (!order) throw new AppError("not_found", NOT_FOUND);
  const summary = toBuyerOrderSummary(order);
  return {
    ...summary,
    items: summary.items.map((item, index) => ({
      ...item,
      keys: (order.items[index]?.keys ?? []).map((key) => ({
        id: key.id,
        masked: maskLicenseKey(decrypt(key.keyEnc, ENC.licenseKeyValue)),
        status: key.status,
        revokedAt: key.revokedAt,
      })),
    })),
    sameNumber: orders
      .filter((o) => o.id !== order.id)
      .map((o) => ({ id: o.id, source: o.source, placedAt: o.placedAt })),
  };
}
