import "server-only";
import { db } from "@/lib/db";
import { ERASURE_NOTICE_KIND } from "@/lib/privacy/erasure-notice";

/**
 * `purgeDeliveredErasureNotices()` — system task: deletes erasure notices the worker has finished
 * with (sent or dead-lettered), since the notice is the last place an erased address exists. Runs
 * periodically in the outbox worker and after each approval; never during a page render. Returns
 * how many were deleted.
 */
export async function purgeDeliveredErasureNotices(): Promise<number> {
  const result = await db().outboxMessage.deleteMany({
    where: { kind: ERASURE_NOTICE_KIND, status: { in: ["sent", "dead"] } },
  });
  return result.count;
}
