import "server-only";
import type { TTx } from "@/lib/db";

/**
 * The erasure's part in store data: what stores told us about the customer outside their orders.
 * Deletes the customer details a store sent apart from its orders (found by the blind indexes of
 * every address the customer had), and drops the raw deliveries of their orders' events and of
 * events still waiting for those details — only each event's outcome stays. A waiting event whose
 * delivery is dropped can never complete, so it ends as failed, with the reason.
 */
export async function forgetStoreData(
  tx: TTx,
  input: { customerId: string; emailHashes: string[] },
): Promise<{ storeCustomers: number; storeEvents: number }> {
  const details = await tx.storeCustomer.findMany({
    where: { emailHash: { in: input.emailHashes } },
    select: { storeId: true, ref: true },
  });
  const deleted = await tx.storeCustomer.deleteMany({ where: { emailHash: { in: input.emailHashes } } });

  const orders = await tx.order.findMany({ where: { customerId: input.customerId }, select: { id: true } });
  const events = await tx.storeEvent.updateMany({
    where: { orderId: { in: orders.map((o) => o.id) }, payloadEnc: { not: null } },
    data: { payloadEnc: null, payloadPurgeAfter: null },
  });
  let waiting = 0;
  for (const { storeId, ref } of details) {
    const ended = await tx.storeEvent.updateMany({
      where: { storeId, waitingFor: `customer:${ref}` },
      data: {
        payloadEnc: null,
        payloadPurgeAfter: null,
        outcome: "failed",
        waitingFor: null,
        reason: "The customer's data was erased before the details this event waited for arrived.",
      },
    });
    waiting += ended.count;
  }
  return { storeCustomers: deleted.count, storeEvents: events.count + waiting };
}
