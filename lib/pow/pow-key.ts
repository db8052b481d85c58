import "server-only";
import { createHmac } from "node:crypto";
import { deriveKey } from "@/lib/crypto/keys";

let key: Buffer | undefined;

/** A key used for nothing but signing proof-of-work challenges. */
function powKey(): Buffer {
  key ??= deriveKey("pow-challenge");
  return key;
}

/** The server's signature over a challenge (hex HMAC-SHA256): proof that the server issued it. */
export function signChallenge(challenge: string): string {
  return createHmac("sha256", powKey()).update(challenge).digest("hex");
}
