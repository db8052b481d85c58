import "server-only";
import { ENC } from "@/lib/crypto/contexts";
import { decrypt } from "@/lib/crypto/encryption";
import { ZOutboxMail, type TOutboxMail } from "@/lib/mail/schemas";

/** Opens the encrypted payload of a mail outbox row (throws if it was altered or is malformed). */
export function decryptOutboxMail(payloadEnc: string): TOutboxMail {
  return ZOutboxMail.parse(JSON.parse(decrypt(payloadEnc, ENC.outboxMail)));
}
