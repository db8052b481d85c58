import "server-only";
import { z } from "zod";
import { PROVIDER_IDS } from "@/lib/stores/types";

// Admin input for stores (console forms and the CLI). The name becomes every order's `source`, so
// it follows the order contract's rule for sources.

const ZSecret = z.preprocess(
  (value) => (typeof value === "string" && value.trim() === "" ? undefined : value),
  z.string().trim().min(8, "Must be at least 8 characters").max(500, "Must be at most 500 characters").optional(),
);

export const ZStoreId = z.string().trim().min(1).max(64);

export const ZNewStore = z.object({
  name: z
    .string({ error: "This field is required" })
    .trim()
    .min(1, "Must not be empty")
    .max(64, "Must be at most 64 characters")
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, "Use letters, digits, dots, dashes or underscores"),
  provider: z.enum(PROVIDER_IDS, { error: `Must be one of: ${PROVIDER_IDS.join(", ")}` }),
  secret: ZSecret,
  apiKey: ZSecret,
  apiBase: z.preprocess(
    (value) => (typeof value === "string" && value.trim() === "" ? undefined : value),
    z
      .url({ protocol: /^https?$/, error: "Must be an http(s) URL" })
      .max(500)
      .optional(),
  ),
});
export type TNewStoreInput = z.input<typeof ZNewStore>;

export const ZStoreRef = z.object({ storeId: ZStoreId });
export type TStoreRef = z.infer<typeof ZStoreRef>;

export const ZRotateSecret = z.object({
  storeId: ZStoreId,
  // Required, except for a store whose secret is a token in its URL (Gumroad): Keydesk makes a new one.
  secret: ZSecret,
});
export type TRotateSecretInput = z.infer<typeof ZRotateSecret>;

export const ZSetStoreDisabled = z.object({ storeId: ZStoreId, disabled: z.enum(["true", "false"]) });
export type TSetStoreDisabledInput = z.infer<typeof ZSetStoreDisabled>;

export const ZReplayEvent = z.object({ storeId: ZStoreId, eventId: ZStoreId });
export type TReplayEventInput = z.infer<typeof ZReplayEvent>;
