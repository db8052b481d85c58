import "server-only";
import { ENC } from "@/lib/crypto/contexts";
import fs from "node:fs";
import path from "node:path";
import { devMailDir } from "@/lib/mail/transport";
import { z } from "zod";
import type { TTx } from "@/lib/db";
import { decrypt } from "@/lib/crypto/encryption";
import { normalizeEmail } from "@/lib/crypto/blind-index";

const ZAddressed = z.object({ to: z.string().optional(), email: z.string().optional() });

/**
 * Deletes the outbox rows — mail queued, sent or dead, and deferred tasks such as look-ups — that
 * were addressed to any of `addresses` (payloads are encrypted, so each is opened and checked).
 * Returns how many were deleted.
 */
export async function forgetOutboxRows(tx: TTx, addresses: ReadonlySet<string>): Promise<number> {
  const wanted = new Set([...addresses].map(normalizeEmail));
  const rows = await tx.outboxMessage.findMany({
    where: { channel: { in: ["mail", "task"] } },
    select: { id: true, channel: true, payloadEnc: true },
  });
  const ids: string[] = [];
  for (const row of rows) {
    let payload: z.infer<typeof ZAddressed>;
    try {
      payload = ZAddressed.parse(
        JSON.parse(decrypt(row.payloadEnc, row.channel === "mail" ? ENC.outboxMail : ENC.outboxTask)),
      );
    } catch {
      continue;
    }
    const address = payload.to ?? payload.email;
    if (address && wanted.has(normalizeEmail(address))) ids.push(row.id);
  }
  if (ids.length > 0) await tx.outboxMessage.deleteMany({ where: { id: { in: ids } } });
  // The dev mailbox keeps a plaintext .eml copy of each mail it "sent" (SMTP_URL unset).
  for (const id of ids) fs.rmSync(path.join(devMailDir(), `${id}.eml`), { force: true });
  return ids.length;
}
