import "server-only";
import { purgeDeliveredErasureNotices } from "@/lib/privacy/purge-erasure-notices";
import { purgeStorePayloads } from "@/lib/stores/purge-store-payloads";

/** What one housekeeping tick cleaned up. */
export interface THousekeepingResult {
  erasureNoticesPurged: number;
  storePayloadsPurged: number;
}

/**
 * The worker's periodic clean-up (system work, no actor): deletes erasure notices once they were
 * delivered or dead-lettered, since a notice is the last place an erased address exists, and drops
 * raw store deliveries past their retention (only their outcome stays). It runs here rather than on
 * a page render so that no GET writes, and so it happens with no admin around.
 */
export async function runOutboxHousekeeping(now = new Date()): Promise<THousekeepingResult> {
  return {
    erasureNoticesPurged: await purgeDeliveredErasureNotices(),
    storePayloadsPurged: await purgeStorePayloads(now),
  };
}
