import "server-only";
import { z } from "zod";
import { ENC } from "@/lib/crypto/contexts";
import { decrypt, encrypt } from "@/lib/crypto/encryption";
import type { TDelivery } from "@/lib/stores/types";

// A delivery as kept for replays: the exact bytes and headers (some providers name the event in a
// header), encrypted as one JSON value. Credentials a proxy might add are left out.

const DROPPED_HEADERS = new Set(["cookie", "authorization", "proxy-authorization"]);

const ZStoredDelivery = z.object({
  headers: z.array(z.tuple([z.string(), z.string()])),
  body: z.string(),
  url: z.string(),
  receivedAt: z.string(),
});

/** Encrypts a delivery for `StoreEvent.payloadEnc`. */
export function sealDelivery(delivery: TDelivery): string {
  const headers = [...delivery.headers.entries()].filter(([name]) => !DROPPED_HEADERS.has(name.toLowerCase()));
  const stored: z.infer<typeof ZStoredDelivery> = {
    headers,
    body: delivery.rawBody.toString("base64"),
    url: delivery.url.toString(),
    receivedAt: delivery.receivedAt.toISOString(),
  };
  return encrypt(JSON.stringify(stored), ENC.storeEventPayload);
}

/** The delivery back from `StoreEvent.payloadEnc`, exactly as it was received. */
export function openDelivery(sealed: string): TDelivery {
  const stored = ZStoredDelivery.parse(JSON.parse(decrypt(sealed, ENC.storeEventPayload)));
  return {
    headers: new Headers(stored.headers),
    rawBody: Buffer.from(stored.body, "base64"),
    url: new URL(stored.url),
    receivedAt: new Date(stored.receivedAt),
  };
}
