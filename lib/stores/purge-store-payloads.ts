import "server-only";
import { db } from "@/lib/db";

/**
 * Forgets the raw payloads of store deliveries past their keeping time (KEYDESK_STORE_PAYLOAD_DAYS),
 * so only the outcome remains. An event still waiting then can never be completed: it becomes
 * failed with a reason saying so. Run by the worker; returns how many payloads were dropped.
 */
export async function purgeStorePayloads(now: Date): Promise<number> {
  const due = { payloadEnc: { not: null }, payloadPurgeAfter: { lte: now } };
  return db().$transaction(async (tx) => {
    await tx.storeEvent.updateMany({
      where: { ...due, outcome: "waiting" },
      data: {
        outcome: "failed",
        waitingFor: null,
        reason: "What it waited for did not arrive before its payload's keeping time ended",
      },
    });
    // purgeAfter goes too: "payload kept" is then readable without loading any payload.
    const purged = await tx.storeEvent.updateMany({ where: due, data: { payloadEnc: null, payloadPurgeAfter: null } });
    return purged.count;
  });
}
