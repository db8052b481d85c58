import { z } from "zod";

/** A form's idempotency key, as `newIdempotencyKey` makes it when the page is rendered. */
export const ZIdempotencyKey = z.string().regex(/^[A-Za-z0-9_-]{16,100}$/, "Reload the page and try again.");
