import "server-only";
import { db } from "@/lib/db";

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

/** Every product with its downloadable files (newest first), for the agent console and the CLI. */
export async function listProducts(): Promise<TProductListItem[]> {
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
