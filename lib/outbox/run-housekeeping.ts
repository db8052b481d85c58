import "server-only";
import { purgeDeliveredErasureNotices } from "@/lib/privacy/purge-erasure-notices";

/** What one housekeeping tick cleaned up. */
export interface THousekeepingResult {
  erasureNoticesPurged: number;
}

/**
 * The worker's periodic clean-up (system work, no actor): deletes erasure notices once they were
 * delivered or dead-lettered, since a notice is the last place an erased address exists. It runs
 * here rather than on a page render so that no GET writes, and so it happens with no admin around.
 */
export async function runOutboxHousekeeping(): Promise<THousekeepingResult> {
  return { erasureNoticesPurged: await purgeDeliveredErasureNotices() };
}
