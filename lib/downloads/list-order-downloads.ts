import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { TBuyerSession } from "@/lib/auth/types";
import { ITEM_STATE_SELECT, unavailableReasonOf, type TUnavailableReason } from "@/lib/downloads/unavailable-reason";

export interface TDownloadFile {
  fileId: string;
  fileName: string;
  version: string;
  size: number;
  sha256: string;
}

export interface TItemDownloads {
  orderItemId: string;
  /** Active files of the item's product, newest first; always empty when `unavailableReason` is set. */
  files: TDownloadFile[];
  unavailableReason: TUnavailableReason | null;
}

/**
 * The downloadable files of each item of one of the buyer's orders (in item order). The order must
 * belong to the buyer — checked in the query itself; anyone else's order is "not found".
 */
export async function listOrderDownloads(input: { buyer: TBuyerSession; orderId: string }): Promise<TItemDownloads[]> {
  const order = await db().order.findFirst({
    where: { id: input.orderId, customerId: input.buyer.customerId },
    select: {
      items: {
        orderBy: { position: "asc" },
        select: {
          id: true,
          ...ITEM_STATE_SELECT,
          product: {
            select: {
              files: {
                where: { active: true },
                orderBy: [{ createdAt: "desc" }, { version: "desc" }],
                select: { id: true, fileName: true, version: true, size: true, sha256: true },
              },
            },
          },
        },
      },
    },
  });
  if (!order) throw new AppError("not_found", "There is no such order.");
  return order.items.map((item) => {
    const unavailableReason = unavailableReasonOf(item);
    return {
      orderItemId: item.id,
      unavailableReason,
      files: unavailableReason
        ? []
        : item.product.files.map((file) => ({
            fileId: file.id,
            fileName: file.fileName,
            version: file.version,
            size: Number(file.size),
            sha256: file.sha256,
          })),
    };
  });
}
