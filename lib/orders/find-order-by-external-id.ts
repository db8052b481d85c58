import "server-only";
import { db } from "@/lib/db";

/** An order's id, number, date and status by its store identity (for imports and tools; no personal data). */
export async function findOrderByExternalId(source: string, externalId: string) {
  return db().order.findUnique({
    where: { source_externalId: { source, externalId } },
    select: { id: true, number: true, placedAt: true, status: true },
  });
}
