import "server-only";
import { db } from "@/lib/db";
import { AppError } from "@/lib/errors";
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
 * `listOrderDownloads(order)`: the downloadable files of each item of an order (in item order).
 * Not a use case of its own: it checks no owner, so it takes an order that a buyer use case has
 * already loaded with the buyer as owner (`getBuyerOrder`), as `getBuyerOrderPage` does.
 */
export async function listOrderDownloads(order: { id: string }): Promise<TItemDownloads[]> {
  const found = await db().order.findUnique({
    where: { id: order.id },
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
  if (!found) throw new AppError("not_found", "There is no such order.", { key: "noSuchOrder" });
  return found.items.map((item) => {
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
