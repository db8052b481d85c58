import "server-only";
import { z } from "zod";
import { ZIdempotencyKey } from "@/lib/idempotency/schemas";

const ZRowId = z.string().trim().min(1).max(64);

/** "Reveal" on one licence key of the buyer's. */
export const ZRevealKey = z.object({ keyId: ZRowId });
export type TRevealKeyInput = z.infer<typeof ZRevealKey>;

/** "E-mail me my keys": one order (`orderId`) or every order of the buyer when absent. */
export const ZResendKeys = z.object({
  /** A repeat of the key (double click) gets the first answer and sends no second mail. */
  idempotencyKey: ZIdempotencyKey,
  orderId: ZRowId.optional(),
});
export type TResendKeysInput = z.infer<typeof ZResendKeys>;
