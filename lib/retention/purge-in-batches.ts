import "server-only";
import { setTimeout as sleep } from "node:timers/promises";

/** A pause between batches, so requests waiting for the database (SQLite has one writer) go first. */
const PAUSE_BETWEEN_BATCHES_MS = 5;

/**
 * Deletes rows a few hundred at a time: `pick(n)` returns the ids of up to `n` rows that are due,
 * `remove(ids)` deletes those that are still due (it repeats the condition, since a row may have
 * changed in between) and returns how many went. Each statement touches one small batch, so no
 * table is locked for long, however much has piled up. Stops between batches once `signal` aborts
 * (a worker shutting down). Returns the total deleted.
 */
export async function purgeInBatches(
  batch: { size: number; signal?: AbortSignal },
  pick: (take: number) => Promise<string[]>,
  remove: (ids: string[]) => Promise<number>,
): Promise<number> {
  const batchSize = batch.size;
  let total = 0;
  while (!batch.signal?.aborted) {
    const ids = await pick(batchSize);
    if (ids.length === 0) return total;
    total += await remove(ids);
    if (ids.length < batchSize) return total;
    await sleep(PAUSE_BETWEEN_BATCHES_MS);
  }
  return total;
}
