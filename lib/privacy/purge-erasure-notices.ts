import "server-only";
import { db } from "@/lib/db";
import { ERASURE_NOTICE_KIND } from "@/lib/privacy/erasure-notice";

/**
 * Deletes erasure notices the worker has finished with (sent or dead-lettered): the notice is the
 * last place an erased address exists. Runs after each approval and whenever admins open the
 * privacy page (and can be scheduled as a worker task). Returns how many were deleted.
 */
export async function purgeDeliveredErasureNotices(): Promise<number> {
  const result = await db().outboxMessage.deleteMany({
    where: { kind: ERASURE_NOTICE_KIND, status: { in: ["sent", "dead"] } },
  });
  return result.count;
}
