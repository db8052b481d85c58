import "server-only";
import { db } from "@/lib/db";
import { assertAdmin } from "@/lib/auth/assert-admin";
import type { TAgentSession } from "@/lib/auth/types";

export interface TProductListItem {
  id: string;
  sku: string;
  name: string;
  refundWindowDays: number;
  downloadTtlHours: number;
  downloadLimit: number;
  files: {
    id: string;
    fileName: string;
    version: string;
    contentType: string;
    size: number;
    sha256: string;
    active: boolean;
    createdAt: Date;
  }[];
}

/** `listProducts(actor)`: every product with its downloadable files (newest first), for the admin products page. */
export async function listProducts(actor: TAgentSession): Promise<TProductListItem[]> {
  assertAdmin(actor);
  const products = await db().product.findMany({
    orderBy: { name: "asc" },
    select: {
      id: true,
      sku: true,
      name: true,
      refundWindowDays: true,
      downloadTtlHours: true,
      downloadLimit: true,
      files: {
        orderBy: [{ createdAt: "desc" }, { version: "desc" }],
        select: {
          id: true,
          fileName: true,
          version: true,
          contentType: true,
          size: true,
          sha256: true,
          active: true,
          createdAt: true,
        },
      },
    },
  });
  return products.map((p) => ({ ...p, files: p.files.map((f) => ({ ...f, size: Number(f.size) })) }));
}
