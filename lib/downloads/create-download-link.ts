import "server-only";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { AppError, type TErrorKey } from "@/lib/errors";
import { hashToken, newId, randomToken } from "@/lib/crypto/tokens";
import { recordAuditEvent } from "@/lib/audit/record-audit-event";
import { enforceRateLimit, type TLimit } from "@/lib/ratelimit/consume";
import type { TBuyerSession } from "@/lib/auth/types";
import type { TRequestMeta } from "@/lib/http/request-meta";
import type { TDownloadLinkRequest } from "@/lib/downloads/schemas";
import { ITEM_STATE_SELECT, unavailableReasonOf, type TUnavailableReason } from "@/lib/downloads/unavailable-reason";

/** Fresh links per buyer: plenty for real use, a wall for a script minting links. */
export const DOWNLOAD_LINK_LIMIT: TLimit = { name: "download-link:customer", max: 30, windowSeconds: 3600 };

const REFUSAL_KEYS = {
  order_refunded: "downloadsOrderRefunded",
  item_refunded: "downloadsItemRefunded",
  keys_revoked: "downloadsKeysRevoked",
} as const satisfies Record<TUnavailableReason, TErrorKey>;

const REFUSALS: Record<TUnavailableReason, string> = {
  order_refunded: "This order was refunded or cancelled, so its downloads are no longer available.",
  item_refunded: "This item was refunded, so its downloads are no longer available.",
  keys_revoked: "The licence for this item was revoked, so its downloads are no longer available.",
};

export interface TDownloadLink {
  url: string;
  expiresAt: Date;
  downloadsLeft: number;
}

/**
 * `createDownloadLink(actor, { orderItemId, productFileId }, meta)`: mints a fresh download link for one file of one of the buyer's order items: a random token (only
 * its keyed hash is stored) valid for the product's download lifetime and number of downloads.
 * Ownership is part of the query; refunded, cancelled or revoked items and inactive files (or files
 * of another product) are refused. Rate-limited per buyer and recorded in their access history.
 */
export async function createDownloadLink(
  actor: TBuyerSession,
  input: TDownloadLinkRequest,
  meta: TRequestMeta,
): Promise<TDownloadLink> {
  const { orderItemId, productFileId } = input;
  const customerId = actor.customerId;
  await enforceRateLimit(DOWNLOAD_LINK_LIMIT, customerId);

  const item = await db().orderItem.findFirst({
    where: { id: orderItemId, order: { customerId } },
    select: {
      id: true,
      productId: true,
      ...ITEM_STATE_SELECT,
      product: { select: { downloadTtlHours: true, downloadLimit: true } },
    },
  });
  if (!item) throw new AppError("not_found", "There is no such item in your orders.", { key: "noSuchItemInOrders" });
  const reason = unavailableReasonOf(item);
  if (reason) throw new AppError("conflict", REFUSALS[reason], { key: REFUSAL_KEYS[reason] });
  const file = await db().productFile.findFirst({
    where: { id: productFileId, productId: item.productId, active: true },
    select: { id: true, version: true },
  });
  if (!file)
    throw new AppError("not_found", "This file is no longer available. Reload the page to see the current files.", {
      key: "fileGone",
    });

  const token = randomToken();
  const expiresAt = new Date(Date.now() + item.product.downloadTtlHours * 3_600_000);
  const grantId = newId();
  await db().$transaction(async (tx) => {
    await tx.downloadGrant.create({
      data: {
        id: grantId,
        tokenHash: hashToken(token),
        orderItemId: item.id,
        productFileId: file.id,
        customerId,
        expiresAt,
        maxDownloads: item.product.downloadLimit,
      },
    });
    await recordAuditEvent(
      {
        actorType: "customer",
        actorId: customerId,
        customerId,
        action: "download.link_created",
        targetType: "download_grant",
        targetId: grantId,
        ip: meta.ip,
        userAgent: meta.userAgent,
        metadata: {
          orderItemId: item.id,
          productFileId: file.id,
          version: file.version,
          maxDownloads: item.product.downloadLimit,
        },
      },
      tx,
    );
  });
  return { url: `${env().appUrl}/download/${token}`, expiresAt, downloadsLeft: item.product.downloadLimit };
}
