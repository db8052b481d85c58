import { z } from "zod";

/** An outbox row id as the console posts it (retry a dead letter). */
export const ZOutboxMessageId = z.object({ id: z.string().min(1).max(64) });
export type TOutboxMessageIdInput = z.infer<typeof ZOutboxMessageId>;

/** How many rows an admin listing shows. */
export const ZOutboxListInput = z.object({ limit: z.number().int().min(1).max(500).optional() });
export type TOutboxListInput = z.infer<typeof ZOutboxListInput>;
