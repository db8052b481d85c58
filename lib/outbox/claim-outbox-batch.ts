import "server-only";
import { db } from "@/lib/db";
import { randomToken } from "@/lib/crypto/tokens";
import type { OutboxChannel } from "@/lib/db/generated/sqlite/enums";
import { MAX_DELIVERY_MS, type TOutboxMessage } from "@/lib/outbox/message";

/**
 * How long a claim keeps other workers away. It is several times the longest possible delivery and
 * is renewed before a send whenever less than one delivery plus a margin is left of it, so a
 * message in flight is never claimed by a second worker; a crashed worker's rows become claimable
 * again once it runs out.
 */
export const CLAIM_LEASE_MS = 5 * MAX_DELIVERY_MS;

// Candidates are drawn from a few times the batch size, in random order, so that workers polling
// at the same moment mostly pick different rows instead of racing for the same ones.
const CANDIDATE_FACTOR = 4;

function dueWhere(channels: OutboxChannel[], now: Date) {
  return {
    status: "pending" as const,
    channel: { in: channels },
    nextAttemptAt: { lte: now },
    OR: [{ lockedUntil: null }, { lockedUntil: { lt: now } }],
  };
}

function sample<T>(items: T[], count: number): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy.slice(0, count);
}

/**
 * Rows that are due (pending, retry time reached, not held by a live claim): the urgent lane first
 * (lib/outbox/lanes.ts), then oldest first — the order of the index (status, lane, nextAttemptAt).
 */
export async function findDueOutboxIds(input: {
  channels: OutboxChannel[];
  take: number;
  now?: Date;
}): Promise<{ id: string; lane: number }[]> {
  return db().outboxMessage.findMany({
    where: dueWhere(input.channels, input.now ?? new Date()),
    select: { id: true, lane: true },
    orderBy: [{ lane: "asc" }, { nextAttemptAt: "asc" }],
    take: input.take,
  });
}

/** Up to `count` candidates, drawn at random within each lane, lower lanes first. */
function pickByLane(candidates: { id: string; lane: number }[], count: number): string[] {
  const lanes = [...new Set(candidates.map((c) => c.lane))].sort((a, b) => a - b);
  return lanes
    .flatMap((lane) =>
      sample(
        candidates.filter((c) => c.lane === lane).map((c) => c.id),
        count,
      ),
    )
    .slice(0, count);
}

/**
 * Claims those of `ids` that are still due, with ONE conditional UPDATE that re-checks "pending,
 * due, not locked" per row (atomic on PostgreSQL and SQLite): when two workers race for a row,
 * exactly one of them gets it. Returns the rows this claim got, payload included.
 */
export async function claimOutboxRows(input: {
  ids: string[];
  channels: OutboxChannel[];
  now?: Date;
}): Promise<TOutboxMessage[]> {
  if (input.ids.length === 0) return [];
  const now = input.now ?? new Date();
  const claimToken = randomToken();
  const claimed = await db().outboxMessage.updateMany({
    where: { ...dueWhere(input.channels, now), id: { in: input.ids } },
    data: { claimToken, lockedUntil: new Date(now.getTime() + CLAIM_LEASE_MS) },
  });
  if (claimed.count === 0) return [];
  return db().outboxMessage.findMany({
    where: { claimToken },
    select: {
      id: true,
      channel: true,
      kind: true,
      payloadEnc: true,
      attempts: true,
      maxAttempts: true,
      claimToken: true,
      lockedUntil: true,
    },
  });
}

/**
 * Claims up to `limit` due rows for this worker. `raced` is true when due rows existed but other
 * workers took (some of) them first, a hint to look again at once.
 */
export async function claimOutboxBatch(input: { channels: OutboxChannel[]; limit: number }): Promise<{
  messages: TOutboxMessage[];
  raced: boolean;
}> {
  if (input.channels.length === 0 || input.limit < 1) return { messages: [], raced: false };
  const now = new Date();
  const candidates = await findDueOutboxIds({ channels: input.channels, take: input.limit * CANDIDATE_FACTOR, now });
  if (candidates.length === 0) return { messages: [], raced: false };
  const ids = pickByLane(candidates, input.limit);
  const messages = await claimOutboxRows({ ids, channels: input.channels, now });
  return { messages, raced: messages.length < ids.length };
}
