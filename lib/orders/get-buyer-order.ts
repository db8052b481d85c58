import "server-only";
import { ENC } from "@/lib/crypto/contexts";
import { LICENSE_KEY_ORDER } from "@/lib/licenses/key-order";
import { db } from "@/lib/db";
import { decrypt } from "@/lib/crypto/encryption";
import { AppError } from "@/lib/errors";
import type { TBuyerSession } from "@/lib/auth/types";
import { maskLicenseKey } from "@/lib/orders/agent-order-dto";
import { orderNumberFromPath, orderNumberKey } from "@/lib/orders/order-number";
import { ZBuyerOrderLookup, type TBuyerOrderLookup } from "@/lib/orders/schemas";
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

const NOT_FOUND = "There is no such order.";

/**
 * `getBuyerOrder(actor, { number?, source?, orderId? })`: one order of the signed-in buyer, by number (as the URL carries it, encoded or not, matched
 * like a search: "#1002" = "1002"; the newest when several sources used the same number; `source`
 * picks another) or by id, with its items and masked licence keys. The owner is
 * part of every query: another buyer's order is "not found", exactly like a missing one.
 */
export async function getBuyerOrder(actor: TBuyerSession, input: TBuyerOrderLookup): Promise<TBuyerOrderDetail> {
  // The lookup comes from the page's URL; a malformed one is answered exactly like a missing order.
  const parsed = ZBuyerOrderLookup.safeParse(input);
  if (!parsed.success) throw new AppError("not_found", NOT_FOUND, { key: "noSuchOrder" });
  const lookup = parsed.data;
  const numberKey = lookup.number !== undefined ? orderNumberKey(orderNumberFromPath(lookup.number)) : undefined;
  if (numberKey === "") throw new AppError("not_found", NOT_FOUND, { key: "noSuchOrder" });
  const orders = await db().order.findMany({
    where: {
      customerId: actor.customerId,
      ...(numberKey !== undefined ? { numberKey } : { id: lookup.orderId }),
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
  if (!order) throw new AppError("not_found", NOT_FOUND, { key: "noSuchOrder" });
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
